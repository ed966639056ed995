using System.Runtime.CompilerServices;

namespace QueryEngine.Engine.Columnar;

/// <summary>
/// An immutable Arrow-layout column. <see cref="Validity"/> is null when no value is null;
/// otherwise bit i set means row i is valid. Arrays never carry an offset: slicing copies.
/// </summary>
public abstract class ArrowArray
{
    protected ArrowArray(DataType type, int length, byte[]? validity, int nullCount = -1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Type = type;
        Length = length;
        if (validity is not null && validity.Length < Bitmap.BytesFor(length)) throw new ArgumentException("validity bitmap too short", nameof(validity));
        NullCount = validity is null ? 0 : nullCount >= 0 ? nullCount : length - Bitmap.CountSet(validity, length);
        Validity = NullCount == 0 ? null : validity;
    }

    public DataType Type { get; }

    public int Length { get; }

    public int NullCount { get; }

    public byte[]? Validity { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsNull(int index) => Validity is { } v && (v[index >> 3] & (1 << (index & 7))) == 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsValid(int index) => !IsNull(index);

    /// <summary>Boxed value of one row (for tests, literals and display; never in hot loops).</summary>
    public abstract object? GetValue(int index);

    /// <summary>A copy of the rows selected by <paramref name="indices"/> (in that order).</summary>
    public abstract ArrowArray Take(ReadOnlySpan<int> indices);

    /// <summary>A copy of rows [offset, offset + length).</summary>
    public virtual ArrowArray Slice(int offset, int length)
    {
        if ((uint)offset > (uint)Length || (uint)length > (uint)(Length - offset)) throw new ArgumentOutOfRangeException(nameof(offset));
        var indices = new int[length];
        for (var i = 0; i < length; i++) indices[i] = offset + i;
        return Take(indices);
    }

    /// <summary>Validity bitmap of the rows selected by <paramref name="indices"/>, or null when all are valid.</summary>
    protected byte[]? TakeValidity(ReadOnlySpan<int> indices)
    {
        if (Validity is null) return null;
        var result = new byte[Bitmap.BytesFor(indices.Length)];
        for (var i = 0; i < indices.Length; i++)
        {
            var j = indices[i];
            if (j >= 0 && Bitmap.Get(Validity, j)) Bitmap.Set(result, i);
        }
        return result;
    }
}
