using System.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Formats.Csv;

/// <summary>What column decoders share while decoding one chunk: the buffer, the field index, null and error rules.</summary>
internal sealed class DecodeContext
{
    private readonly int _quote;
    private readonly int _escape;
    private byte[] _scratch = new byte[256];

    public DecodeContext(CsvOptions options, string file)
    {
        File = file;
        _quote = options.Quote is { } q ? q : -1;
        _escape = options.Escape is { } e ? e : -1;
        HasNullMarker = options.NullMarker is not null;
        NullMarker = options.NullMarker is null ? [] : Encoding.UTF8.GetBytes(options.NullMarker);
        InvalidValues = options.InvalidValues;
        NumericDateTimes = options.NumericDateTimes;
    }

    public string File { get; }

    /// <summary>The read buffer of the current chunk.</summary>
    public byte[] Buffer { get; set; } = [];

    /// <summary>Offset in the (uncompressed) file of <see cref="Buffer"/>[0], for error messages.</summary>
    public long BufferOffset { get; set; }

    public FieldIndex Fields { get; set; } = null!;

    public bool HasNullMarker { get; }

    public byte[] NullMarker { get; }

    public InvalidValueHandling InvalidValues { get; }

    public bool NumericDateTimes { get; }

    /// <summary>True when a (decoded) field is the null marker.</summary>
    public bool IsNullMarker(ReadOnlySpan<byte> text) => HasNullMarker && text.SequenceEqual(NullMarker);

    /// <summary>Decodes a raw field (quotes, doubled quotes, escapes) into a scratch buffer valid until the next call.</summary>
    public ReadOnlySpan<byte> Unescape(int start, int end)
    {
        var raw = new ReadOnlySpan<byte>(Buffer, start, end - start);
        if (_scratch.Length < raw.Length) _scratch = new byte[Math.Max(raw.Length, _scratch.Length * 2)];
        var n = Unescape(raw, _scratch);
        return new ReadOnlySpan<byte>(_scratch, 0, n);
    }

    /// <summary>Decodes a raw field into <paramref name="destination"/> (at least as long); returns the decoded length.</summary>
    public int Unescape(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        var quote = _quote;
        var escape = _escape;
        var openCsv = quote >= 0;
        var inQuotes = false;
        var closed = false;
        var o = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == escape)
            {
                if (i + 1 < raw.Length)
                {
                    var next = raw[i + 1];
                    if (!openCsv || next == quote || next == escape)
                    {
                        destination[o++] = next;
                        i++;
                    }
                    // OpenCSV drops an escape before any other character.
                    continue;
                }
                if (!openCsv) destination[o++] = b;
                continue;
            }
            if (b == quote && !closed)
            {
                if (inQuotes)
                {
                    if (i + 1 < raw.Length && raw[i + 1] == quote)
                    {
                        destination[o++] = b;
                        i++;
                        continue;
                    }
                    inQuotes = false;
                    closed = true;
                    continue;
                }
                if (i == 0)
                {
                    inQuotes = true;
                    continue;
                }
            }
            destination[o++] = b;
        }
        return o;
    }

    /// <summary>Handles a value that does not parse: NULL, or a <see cref="CorruptDataException"/> naming file, offset and column.</summary>
    public void OnInvalid(string column, DataType type, int start, ReadOnlySpan<byte> text)
    {
        if (InvalidValues == InvalidValueHandling.Null) return;
        const int maxShown = 60;
        var shown = Encoding.UTF8.GetString(text.Length > maxShown ? text[..maxShown] : text);
        if (text.Length > maxShown) shown += "...";
        throw new CorruptDataException(File, BufferOffset + (start & int.MaxValue), $"column {column}: '{shown}' is not a valid {type.SqlName}");
    }
}
