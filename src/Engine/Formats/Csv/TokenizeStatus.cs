namespace QueryEngine.Engine.Formats.Csv;

/// <summary>How a <see cref="CsvTokenizer.Tokenize"/> call ended.</summary>
internal enum TokenizeStatus
{
    /// <summary>The requested number of records was tokenized.</summary>
    RowLimit,

    /// <summary>The buffer ends inside a record: read more data (never returned for the final buffer).</summary>
    NeedMoreData,

    /// <summary>No more records: the end of the data, or the next record starts at or after the stop position.</summary>
    Finished,

    /// <summary>The final buffer ends inside a quoted field; the position is the field's opening quote.</summary>
    UnterminatedQuote,
}
