using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Formats.Csv;

/// <summary>
/// A validity bitmap that costs nothing for valid rows: it is allocated (all bits set) only at the first NULL, and
/// marking a row NULL clears its bit.
/// </summary>
internal struct LazyValidity
{
    private byte[]? _bits;

    public int NullCount { get; private set; }

    /// <summary>Marks row <paramref name="index"/> NULL; <paramref name="capacity"/> is the current row capacity.</summary>
    public void MarkNull(int index, int capacity)
    {
        if (_bits is null)
        {
            _bits = new byte[Bitmap.BytesFor(Math.Max(capacity, index + 1))];
            _bits.AsSpan().Fill(0xFF);
        }
        else if (_bits.Length < Bitmap.BytesFor(index + 1))
        {
            Grow(Math.Max(capacity, index + 1));
        }
        Bitmap.Clear(_bits, index);
        NullCount++;
    }

    /// <summary>Keeps the bitmap (if any) large enough for <paramref name="capacity"/> rows.</summary>
    public void EnsureCapacity(int capacity)
    {
        if (_bits is not null && _bits.Length < Bitmap.BytesFor(capacity)) Grow(capacity);
    }

    private void Grow(int capacity)
    {
        var old = _bits!.Length;
        Array.Resize(ref _bits, Bitmap.BytesFor(capacity));
        _bits.AsSpan(old).Fill(0xFF);
    }

    /// <summary>The bitmap for a built array (null when no row is NULL); starts over.</summary>
    public byte[]? Take(out int nullCount)
    {
        nullCount = NullCount;
        var bits = NullCount == 0 ? null : _bits;
        _bits = null;
        NullCount = 0;
        return bits;
    }
}
