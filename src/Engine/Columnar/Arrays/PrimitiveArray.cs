namespace QueryEngine.Engine.Columnar;

/// <summary>
/// Fixed-width values: integers, floats, Date32 (int), Timestamp (long) and Decimal128 (Int128).
/// The backing array may be longer than <see cref="ArrowArray.Length"/>; use <see cref="Values"/>.
/// Slots of null rows hold unspecified values.
/// </summary>
public sealed class PrimitiveArray<T> : ArrowArray
    where T : unmanaged
{
    private readonly T[] _values;

    public PrimitiveArray(DataType type, T[] values, int length, byte[]? validity = null, int nullCount = -1)
        : base(type, length, validity, nullCount)
    {
        if (values.Length < length) throw new ArgumentException("values shorter than length", nameof(values));
        _values = values;
    }

    public PrimitiveArray(DataType type, T[] values, byte[]? validity = null)
        : this(type, values, values.Length, validity)
    {
    }

    public ReadOnlySpan<T> Values => new(_values, 0, Length);

    /// <summary>The backing storage (length may exceed <see cref="ArrowArray.Length"/>).</summary>
    public T[] Buffer => _values;

    public T this[int index] => _values[index];

    public override object? GetValue(int index) => IsNull(index) ? null : _values[index];

    public override ArrowArray Take(ReadOnlySpan<int> indices)
    {
        var result = new T[indices.Length];
        var src = _values;
        for (var i = 0; i < indices.Length; i++)
        {
            var j = indices[i];
            result[i] = j >= 0 ? src[j] : default;
        }
        var validity = TakeValidity(indices);
        if (validity is null && indices.Contains(-1)) validity = NullsForMissing(indices);
        return new PrimitiveArray<T>(Type, result, indices.Length, validity);
    }

    public override ArrowArray Slice(int offset, int length)
    {
        var result = _values.AsSpan(offset, length).ToArray();
        byte[]? validity = null;
        if (Validity is not null)
        {
            validity = new byte[Bitmap.BytesFor(length)];
            for (var i = 0; i < length; i++)
            {
                if (Bitmap.Get(Validity, offset + i)) Bitmap.Set(validity, i);
            }
        }
        return new PrimitiveArray<T>(Type, result, length, validity);
    }

    internal static byte[] NullsForMissing(ReadOnlySpan<int> indices)
    {
        var bits = new byte[Bitmap.BytesFor(indices.Length)];
        for (var i = 0; i < indices.Length; i++)
        {
            if (indices[i] >= 0) Bitmap.Set(bits, i);
        }
        return bits;
    }
}
