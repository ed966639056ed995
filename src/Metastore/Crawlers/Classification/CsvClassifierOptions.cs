namespace QueryEngine.Metastore.Crawlers.Classification;

/// <summary>Whether CSV files start with a header line (Glue's <c>ContainsHeader</c>).</summary>
internal enum CsvHeader
{
    Detect,
    Present,
    Absent,
}

/// <summary>A custom CSV classifier: fixes what sniffing would otherwise guess.</summary>
/// <param name="Delimiter">The field separator; null tries comma, pipe, tab, semicolon and Ctrl-A in that order.</param>
/// <param name="Header">Whether files have a header line.</param>
/// <param name="Quote">The quote character.</param>
internal sealed record CsvClassifierOptions(char? Delimiter = null, CsvHeader Header = CsvHeader.Detect, char Quote = '"')
{
    public static CsvClassifierOptions Default { get; } = new();
}
