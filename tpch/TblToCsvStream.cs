namespace QueryEngine.Tpch;

/// <summary>
/// A write-only stream that turns dbgen's <c>.tbl</c> bytes into CSV as they are written: a header line of
/// column names first, then per row the fields separated by ',' instead of '|' (dbgen's trailing '|' dropped),
/// a field holding ',' or '"' quoted with '"' and its quotes doubled (RFC 4180), lines ending in '\n'. Holds one
/// field at a time, so memory does not grow with the data; disposing flushes and disposes the inner stream.
/// </summary>
public sealed class TblToCsvStream : Stream
{
    private readonly Stream _inner;
    private readonly byte[] _field = new byte[4096];
    private int _fieldLength;
    private int _fieldsInLine;

    public TblToCsvStream(Stream inner, IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(header);
        _inner = inner;
        var line = string.Join(',', header) + "\n";
        _inner.Write(System.Text.Encoding.UTF8.GetBytes(line));
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        foreach (var b in buffer)
        {
            switch (b)
            {
                case (byte)'|':
                    EndField();
                    break;
                case (byte)'\n':
                    if (_fieldLength > 0) EndField();
                    _inner.WriteByte((byte)'\n');
                    _fieldsInLine = 0;
                    break;
                default:
                    if (_fieldLength == _field.Length) throw new InvalidDataException($"a .tbl field longer than {_field.Length} bytes");
                    _field[_fieldLength++] = b;
                    break;
            }
        }
    }

    private void EndField()
    {
        if (_fieldsInLine++ > 0) _inner.WriteByte((byte)',');
        var value = _field.AsSpan(0, _fieldLength);
        if (value.IndexOfAny((byte)',', (byte)'"') < 0)
        {
            _inner.Write(value);
        }
        else
        {
            _inner.WriteByte((byte)'"');
            foreach (var b in value)
            {
                if (b == (byte)'"') _inner.WriteByte((byte)'"');
                _inner.WriteByte(b);
            }
            _inner.WriteByte((byte)'"');
        }
        _fieldLength = 0;
    }

    public override void Flush() => _inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}
