namespace QueryEngine.Engine.Formats.Json;

/// <summary>
/// Splits the bytes of a text input into lines ('\n', with a trailing '\r' removed), keeping the byte offset where each
/// line starts. A line may be as long as the input; the buffer grows to hold it.
/// </summary>
internal sealed class JsonLineReader(TextInput input, long firstOffset, int bufferSize)
{
    private byte[] _buffer = new byte[Math.Max(4096, bufferSize)];
    private int _start;
    private int _end;
    private bool _eof;
    private long _offset = firstOffset;

    /// <summary>Offset in the (decompressed) file of the line <see cref="TryReadLine"/> returned last.</summary>
    public long LineOffset { get; private set; }

    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = Take(newline, newline + 1);
                return true;
            }
            if (_eof)
            {
                if (_start == _end)
                {
                    line = default;
                    return false;
                }
                line = Take(_end - _start, _end - _start);
                return true;
            }
            Fill();
        }
    }

    private ReadOnlySpan<byte> Take(int length, int consumed)
    {
        LineOffset = _offset;
        var line = _buffer.AsSpan(_start, length);
        if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
        _start += consumed;
        _offset += consumed;
        return line;
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        var n = input.Read(_buffer.AsSpan(_end));
        if (n == 0) _eof = true;
        _end += n;
    }
}
