namespace QueryEngine.Engine.Formats.Csv;

/// <summary>Which fields of a record are materialized: <c>SlotOf[field]</c> is the slot of a projected field or -1.</summary>
internal sealed class FieldLayout
{
    public FieldLayout(IReadOnlyList<int> projectedFields)
    {
        var max = -1;
        foreach (var f in projectedFields) max = Math.Max(max, f);
        MaxField = max;
        SlotOf = new int[max + 1];
        Array.Fill(SlotOf, -1);
        for (var slot = 0; slot < projectedFields.Count; slot++)
        {
            if (SlotOf[projectedFields[slot]] >= 0) throw new ArgumentException("a field is projected twice", nameof(projectedFields));
            SlotOf[projectedFields[slot]] = slot;
        }
        SlotCount = projectedFields.Count;
    }

    /// <summary>Highest projected field index, -1 when no field is projected (only records are counted).</summary>
    public int MaxField { get; }

    public int[] SlotOf { get; }

    public int SlotCount { get; }
}
