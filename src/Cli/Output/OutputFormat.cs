namespace QueryEngine.Cli.Output;

/// <summary>How <c>qe sql</c> prints result rows.</summary>
internal enum OutputFormat
{
    /// <summary>Aligned columns with a row count footer, for people.</summary>
    Table,

    /// <summary>RFC 4180 CSV with one header row.</summary>
    Csv,

    /// <summary>Tab-separated values with one header row, Hive/PostgreSQL text escapes.</summary>
    Tsv,

    /// <summary>One JSON object per row (JSON Lines).</summary>
    Json,
}
