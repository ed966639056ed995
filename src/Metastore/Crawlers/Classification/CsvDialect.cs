namespace QueryEngine.Metastore.Crawlers.Classification;

/// <summary>How a delimited text file is laid out, as sniffed or as a custom classifier declares it.</summary>
/// <param name="Delimiter">Field separator.</param>
/// <param name="Quoted">Whether fields are quoted with <paramref name="Quote"/> (read with OpenCSVSerde).</param>
/// <param name="HasHeader">Whether the first line names the columns.</param>
/// <param name="Columns">Column names (from the header, else col1, col2, ...).</param>
/// <param name="TrailingDelimiter">Every line ends with the delimiter (TPC-H .tbl): the empty last field is no column.</param>
/// <param name="Quote">The quote character.</param>
internal sealed record CsvDialect(char Delimiter, bool Quoted, bool HasHeader, IReadOnlyList<string> Columns, bool TrailingDelimiter, char Quote = '"');
