namespace QueryEngine.Engine.Formats.Parquet.Encodings;

/// <summary>
/// The non-null values of a column chunk, dense, as they come out of the pages: fixed-width values as raw
/// little-endian bytes of <see cref="Width"/> each (booleans as one byte 0/1), byte arrays as offsets into
/// <see cref="Data"/>.
/// </summary>
internal sealed class ValueBuffer
{
    private byte[] _data;
    private int[] _offsets;

    /// <param name="width">Bytes per value, or 0 for variable-length byte arrays.</param>
    public ValueBuffer(int width, int capacity)
    {
        Width = width;
        _data = new byte[Math.Max(16, width == 0 ? capacity * 8 : capacity * width)];
        _offsets = width == 0 ? new int[Math.Max(16, capacity + 1)] : [];
    }

    public int Width { get; }

    public int Count { get; private set; }

    public int ByteLength { get; private set; }

    public byte[] Data => _data;

    /// <summary>Count + 1 offsets (variable width only).</summary>
    public int[] Offsets => _offsets;

    public ReadOnlySpan<byte> Bytes => _data.AsSpan(0, ByteLength);

    /// <summary>Appends <paramref name="count"/> fixed-width values and returns their space to fill.</summary>
    public Span<byte> AppendFixed(int count)
    {
        var bytes = checked(count * Width);
        EnsureData(bytes);
        var span = _data.AsSpan(ByteLength, bytes);
        ByteLength += bytes;
        Count += count;
        return span;
    }

    public void AppendBytes(ReadOnlySpan<byte> value)
    {
        EnsureData(value.Length);
        if (Count + 2 > _offsets.Length) Array.Resize(ref _offsets, _offsets.Length * 2);
        value.CopyTo(_data.AsSpan(ByteLength));
        ByteLength += value.Length;
        Count++;
        _offsets[Count] = ByteLength;
    }

    /// <summary>The i-th variable-length value.</summary>
    public ReadOnlySpan<byte> Get(int index) => _data.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);

    /// <summary>The i-th fixed-width value.</summary>
    public ReadOnlySpan<byte> GetFixed(int index) => _data.AsSpan(index * Width, Width);

    private void EnsureData(int extra)
    {
        if ((long)ByteLength + extra > Array.MaxLength) throw new Common.ResourceExhaustedException("a Parquet column chunk decodes to more than 2 GiB");
        if (ByteLength + extra <= _data.Length) return;
        var size = (int)Math.Min(Array.MaxLength, Math.Max((long)_data.Length * 2, (long)ByteLength + extra));
        Array.Resize(ref _data, size);
    }
}
