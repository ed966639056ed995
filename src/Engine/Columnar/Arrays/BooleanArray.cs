namespace QueryEngine.Engine.Columnar;

/// <summary>Bit-packed booleans.</summary>
public sealed class BooleanArray : ArrowArray
{
    public BooleanArray(byte[] bits, int length, byte[]? validity = null, int nullCount = -1)
        : base(DataType.Boolean, length, validity, nullCount)
    {
        if (bits.Length < Bitmap.BytesFor(length)) throw new ArgumentException("value bitmap too short", nameof(bits));
        Bits = bits;
    }

    /// <summary>Value bits, LSB first.</summary>
    public byte[] Bits { get; }

    public bool GetBit(int index) => (Bits[index >> 3] & (1 << (index & 7))) != 0;

    /// <summary>True when the row is valid and true (SQL filter semantics).</summary>
    public bool IsTrue(int index) => GetBit(index) && !IsNull(index);

    public override object? GetValue(int index) => IsNull(index) ? null : GetBit(index);

    public override ArrowArray Take(ReadOnlySpan<int> indices)
    {
        var bits = new byte[Bitmap.BytesFor(indices.Length)];
        for (var i = 0; i < indices.Length; i++)
        {
            var j = indices[i];
            if (j >= 0 && GetBit(j)) Bitmap.Set(bits, i);
        }
        var validity = TakeValidity(indices);
        if (validity is null && indices.Contains(-1)) validity = PrimitiveArray<byte>.NullsForMissing(indices);
        return new BooleanArray(bits, indices.Length, validity);
    }
}
