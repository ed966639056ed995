namespace QueryEngine.Engine.Columnar;

/// <summary>Maps: int32 offsets (Length + 1) into parallel key and value arrays (Arrow's list of entries structs).</summary>
public sealed class MapArray : ArrowArray
{
    public MapArray(MapType type, int[] offsets, ArrowArray keys, ArrowArray values, int length, byte[]? validity = null, int nullCount = -1)
        : base(type, length, validity, nullCount)
    {
        if (offsets.Length < length + 1) throw new ArgumentException("offsets shorter than length + 1", nameof(offsets));
        if (keys.Length != values.Length) throw new ArgumentException("keys and values differ in length", nameof(values));
        Offsets = offsets;
        Keys = keys;
        Values = values;
    }

    public int[] Offsets { get; }

    public ArrowArray Keys { get; }

    public ArrowArray Values { get; }

    public override object? GetValue(int index)
    {
        if (IsNull(index)) return null;
        var entries = new KeyValuePair<object?, object?>[Offsets[index + 1] - Offsets[index]];
        for (var i = 0; i < entries.Length; i++)
        {
            var k = Offsets[index] + i;
            entries[i] = new KeyValuePair<object?, object?>(Keys.GetValue(k), Values.GetValue(k));
        }
        return entries;
    }

    public override ArrowArray Take(ReadOnlySpan<int> indices)
    {
        var (offsets, child) = NestedTake.Offsets(Offsets, indices);
        var validity = TakeValidity(indices);
        if (validity is null && indices.Contains(-1)) validity = PrimitiveArray<byte>.NullsForMissing(indices);
        return new MapArray((MapType)Type, offsets, Keys.Take(child), Values.Take(child), indices.Length, validity);
    }
}
