using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>Builds a utf8 column row by row with a growable byte buffer (no per-row allocation).</summary>
internal sealed class Utf8ColumnWriter
{
    private readonly int[] _offsets;
    private readonly int _rows;
    private byte[] _data;
    private byte[]? _validity;
    private int _row;
    private int _length;

    public Utf8ColumnWriter(int rows, int dataCapacity)
    {
        _rows = rows;
        _offsets = new int[rows + 1];
        _data = new byte[Math.Max(16, dataCapacity)];
    }

    /// <summary>Appends bytes to the current row.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_data.AsSpan(_length));
        _length += bytes.Length;
    }

    public void Write(byte b)
    {
        Ensure(1);
        _data[_length++] = b;
    }

    /// <summary>Space for <paramref name="count"/> more bytes of the current row; call <see cref="Advance"/> with what was used.</summary>
    public Span<byte> Reserve(int count)
    {
        Ensure(count);
        return _data.AsSpan(_length, count);
    }

    public void Advance(int count) => _length += count;

    public void EndRow() => _offsets[++_row] = _length;

    public void NullRow()
    {
        _validity ??= Bitmap.AllSet(_rows);
        Bitmap.Clear(_validity, _row);
        _offsets[++_row] = _length;
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _data.Length)
        {
            var size = Math.Max(_data.Length * 2, _length + extra);
            if (size < 0 || (long)_length + extra > int.MaxValue) throw new Common.ResourceExhaustedException("a string column exceeds 2 GB");
            Array.Resize(ref _data, size);
        }
    }

    public BinaryArray Build(byte[]? validity = null, DataType? type = null)
    {
        var v = _validity;
        if (validity is not null) v = Execution.Vectors.Bits.And(v, validity, _rows);
        return new BinaryArray(type ?? DataType.Utf8, _offsets, _data, _rows, v);
    }
}
