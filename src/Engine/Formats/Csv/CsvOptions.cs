using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Formats.Csv;

/// <summary>
/// How to read a delimited text file. Records end at <c>\n</c>; a <c>\r</c> right before it is dropped, so <c>\r\n</c>
/// files read the same. A record with more fields than columns ignores the extra ones (TPC-H <c>.tbl</c> lines end
/// with a delimiter: the empty last field is dropped); missing fields are NULL. Every record is a row, including empty
/// lines (as Hive does). Delimiter, quote and escape are single bytes: ASCII characters, or (for Hive's numeric
/// delimiter spellings) raw byte values up to 0xFF.
/// </summary>
public sealed record CsvOptions
{
    /// <summary>RFC 4180 CSV: comma, double quotes, no escape, no header, malformed values are NULL.</summary>
    public static CsvOptions Default { get; } = new();

    /// <summary>Field delimiter (default ',').</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>
    /// Quote character (default '"'), or null for no quoting (Hive's LazySimpleSerDe). Quoting follows RFC 4180 and
    /// OpenCSV: a field that starts with the quote runs to the matching quote, delimiters (and newlines, see
    /// <see cref="QuotedNewlines"/>) inside it are data, a doubled quote inside it is one quote. A quote in the middle of
    /// an unquoted field is an ordinary character. Text after a closing quote up to the next delimiter is appended.
    /// </summary>
    public char? Quote { get; init; } = '"';

    /// <summary>
    /// Escape character, or null for none. Without quoting (Hive's <c>escape.delim</c>) the escape makes the next byte
    /// literal, so an escaped delimiter does not split the field (an escaped newline still ends the record, as Hive's
    /// line reader does). With quoting (OpenCSV's <c>escapeChar</c>) the escape makes a following quote or escape
    /// literal and is dropped before any other character.
    /// </summary>
    public char? Escape { get; init; }

    /// <summary>The first line is a header and is skipped (counted before <see cref="SkipLines"/>).</summary>
    public bool HasHeader { get; init; }

    /// <summary>Lines skipped at the start of every file (<c>skip.header.line.count</c>), in addition to a header.</summary>
    public int SkipLines { get; init; }

    /// <summary>
    /// Text that means NULL (<c>serialization.null.format</c>, <c>\N</c> for LazySimpleSerDe), or null for none.
    /// An empty field is NULL for non-string columns and '' for string columns, unless the marker is "".
    /// </summary>
    public string? NullMarker { get; init; }

    /// <summary>
    /// Newlines inside quoted fields are data (RFC 4180). Such files cannot be split by byte range, so every file is
    /// one scan task. When false, records end at every newline (Hive's line reader) and uncompressed files are split.
    /// Ignored without <see cref="Quote"/>.
    /// </summary>
    public bool QuotedNewlines { get; init; } = true;

    /// <summary>What a malformed value becomes (default NULL, as Hive's LazySimpleSerDe does).</summary>
    public InvalidValueHandling InvalidValues { get; init; } = InvalidValueHandling.Null;

    /// <summary>
    /// Also accept integers for dates (days since 1970-01-01) and timestamps (milliseconds since the epoch), as Athena
    /// reads OpenCSVSerde tables. The textual forms stay accepted.
    /// </summary>
    public bool NumericDateTimes { get; init; }

    /// <summary>
    /// Separator of array elements, map entries and struct fields inside a field (Hive's <c>collection.delim</c>,
    /// default Ctrl-B). Nested values are read only without quoting.
    /// </summary>
    public char CollectionDelimiter { get; init; } = '\u0002';

    /// <summary>Separator of a map entry's key and value (Hive's <c>mapkey.delim</c>, default Ctrl-C).</summary>
    public char MapKeyDelimiter { get; init; } = '\u0003';

    /// <summary>Compression of the files (default: detect).</summary>
    public TextCompression Compression { get; init; } = TextCompression.Auto;

    /// <summary>Total lines skipped at the start of a file.</summary>
    public int LinesToSkip => SkipLines + (HasHeader ? 1 : 0);

    /// <summary>
    /// Separators by nesting level, as Hive's LazySimpleSerDe uses them: fields, then collection items, then map keys,
    /// then bytes 4..8 for deeper levels.
    /// </summary>
    internal byte[] NestingSeparators => [(byte)Delimiter, (byte)CollectionDelimiter, (byte)MapKeyDelimiter, 4, 5, 6, 7, 8];

    /// <summary>True when records may span lines, so files cannot be split into byte ranges.</summary>
    internal bool RecordsMaySpanLines => Quote is not null && QuotedNewlines;

    /// <summary>Checks the options; throws <see cref="NotSupportedQueryException"/> naming the problem.</summary>
    public void Validate()
    {
        CheckByte(Delimiter, "delimiter");
        if (Quote is { } q) CheckByte(q, "quote character");
        if (Escape is { } e) CheckByte(e, "escape character");
        if (Quote == Delimiter) throw new NotSupportedQueryException("CSV quote character and delimiter must differ");
        if (Escape is not null && (Escape == Delimiter || Escape == Quote))
        {
            throw new NotSupportedQueryException("CSV escape character must differ from the delimiter and the quote character");
        }
        CheckByte(CollectionDelimiter, "collection delimiter");
        CheckByte(MapKeyDelimiter, "map key delimiter");
        if (SkipLines < 0) throw new NotSupportedQueryException($"cannot skip {SkipLines} header lines");
    }

    private static void CheckByte(char c, string what)
    {
        if (c > 0xFF) throw new NotSupportedQueryException($"CSV {what} U+{(int)c:X4} is not a single byte");
        if (c is '\n' or '\r') throw new NotSupportedQueryException($"CSV {what} cannot be a line terminator");
    }
}
