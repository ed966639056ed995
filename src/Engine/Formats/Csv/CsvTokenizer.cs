namespace QueryEngine.Engine.Formats.Csv;

/// <summary>Splits buffered bytes into records and fields, writing field boundaries into a <see cref="FieldIndex"/>.</summary>
internal abstract class CsvTokenizer
{
    protected CsvTokenizer(FieldLayout layout) => Layout = layout;

    public FieldLayout Layout { get; }

    /// <summary>
    /// Tokenizes up to <paramref name="maxRows"/> complete records of <paramref name="data"/> starting at
    /// <paramref name="position"/>, which is advanced past them. Records starting at or after <paramref name="stopAt"/>
    /// are not read. When <paramref name="isFinal"/>, the data ends at the end of the input and a last record without
    /// a line terminator is complete.
    /// </summary>
    public abstract TokenizeStatus Tokenize(ReadOnlySpan<byte> data, ref int position, int maxRows, bool isFinal, int stopAt, FieldIndex fields, out int rows);

    public static CsvTokenizer Create(CsvOptions options, FieldLayout layout)
    {
        var escape = options.Escape is { } e ? (int)e : -1;
        if (options.Quote is { } q) return new QuotedTokenizer(layout, (byte)options.Delimiter, (byte)q, escape, options.QuotedNewlines);
        return new LineTokenizer(layout, (byte)options.Delimiter, escape);
    }
}
