namespace QueryEngine.Engine.Columnar;

/// <summary>Lists: int32 offsets (Length + 1) into a child array of elements.</summary>
public sealed class ListArray : ArrowArray
{
    public ListArray(ListType type, int[] offsets, ArrowArray values, int length, byte[]? validity = null, int nullCount = -1)
        : base(type, length, validity, nullCount)
    {
        if (offsets.Length < length + 1) throw new ArgumentException("offsets shorter than length + 1", nameof(offsets));
        Offsets = offsets;
        Values = values;
    }

    public int[] Offsets { get; }

    public ArrowArray Values { get; }

    public int ValueLength(int index) => Offsets[index + 1] - Offsets[index];

    public override object? GetValue(int index)
    {
        if (IsNull(index)) return null;
        var items = new object?[ValueLength(index)];
        for (var i = 0; i < items.Length; i++) items[i] = Values.GetValue(Offsets[index] + i);
        return items;
    }

    public override ArrowArray Take(ReadOnlySpan<int> indices)
    {
        var (offsets, childIndices) = NestedTake.Offsets(Offsets, indices);
        var validity = TakeValidity(indices);
        if (validity is null && indices.Contains(-1)) validity = PrimitiveArray<byte>.NullsForMissing(indices);
        return new ListArray((ListType)Type, offsets, Values.Take(childIndices), indices.Length, validity);
    }
}

internal static class NestedTake
{
    /// <summary>New offsets and the child rows to take for an offsets-based nested array.</summary>
    public static (int[] Offsets, int[] ChildIndices) Offsets(int[] offsets, ReadOnlySpan<int> indices)
    {
        var newOffsets = new int[indices.Length + 1];
        var total = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            var j = indices[i];
            if (j >= 0) total += offsets[j + 1] - offsets[j];
            newOffsets[i + 1] = total;
        }
        var child = new int[total];
        var pos = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            var j = indices[i];
            if (j < 0) continue;
            for (var k = offsets[j]; k < offsets[j + 1]; k++) child[pos++] = k;
        }
        return (newOffsets, child);
    }
}
