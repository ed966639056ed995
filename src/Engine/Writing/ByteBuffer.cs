using System.Buffers.Text;
using System.Text;

namespace QueryEngine.Engine.Writing;

/// <summary>A growable UTF-8 output buffer for text formats, flushed to a stream in large blocks.</summary>
internal sealed class ByteBuffer(Stream output)
{
    private const int FlushAt = 1 << 20;
    private byte[] _bytes = new byte[FlushAt + 4096];
    private int _length;

    public long BytesWritten { get; private set; }

    public void Append(byte b)
    {
        Ensure(1);
        _bytes[_length++] = b;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(_length));
        _length += bytes.Length;
    }

    public void Append(string text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _bytes.AsSpan(_length));
    }

    public void Append(long value)
    {
        Ensure(24);
        Utf8Formatter.TryFormat(value, _bytes.AsSpan(_length), out var written);
        _length += written;
    }

    /// <summary>Call after each row: hands the buffer to the stream once it is large.</summary>
    public void EndRow()
    {
        if (_length >= FlushAt) Flush();
    }

    public void Flush()
    {
        if (_length == 0) return;
        output.Write(_bytes, 0, _length);
        BytesWritten += _length;
        _length = 0;
    }

    private void Ensure(int extra)
    {
        if (_length + extra <= _bytes.Length) return;
        Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + extra));
    }
}
