namespace QueryEngine.Engine.Formats.Csv;

/// <summary>
/// Where the projected fields of a chunk of records lie in the read buffer, column-major:
/// <c>Starts[slot * Capacity + row]</c> and <c>Ends[...]</c> (exclusive). A start with <see cref="RawFlag"/> set marks a
/// raw field that still contains quotes or escapes and must be decoded; an end of <see cref="Missing"/> marks a record
/// that has no such field (NULL).
/// </summary>
internal sealed class FieldIndex
{
    public const int RawFlag = int.MinValue;
    public const int Missing = -1;

    public FieldIndex(int slots, int capacity)
    {
        Slots = slots;
        Capacity = capacity;
        Starts = new int[Math.Max(1, slots * capacity)];
        Ends = new int[Math.Max(1, slots * capacity)];
    }

    public int Slots { get; }

    public int Capacity { get; }

    public int[] Starts { get; }

    public int[] Ends { get; }
}

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

internal enum TokenizeStatus
{
    /// <summary>The requested number of records was tokenized.</summary>
    RowLimit,

    /// <summary>The buffer ends inside a record: read more data (never returned for the final buffer).</summary>
    NeedMoreData,

    /// <summary>No more records: the end of the data, or the next record starts at or after the stop position.</summary>
    Finished,

    /// <summary>The final buffer ends inside a quoted field; the position is the field's opening quote.</summary>
    UnterminatedQuote,
}
