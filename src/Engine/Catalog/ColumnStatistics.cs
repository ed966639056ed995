namespace QueryEngine.Engine.Catalog;

/// <summary>
/// Statistics of one column of a table or partition, laid out like Hive's <c>TAB_COL_STATS</c> /
/// <c>PART_COL_STATS</c>: which fields are set depends on the type (long stats for integers and dates as days since
/// the epoch, double stats, decimal stats as strings, string/binary lengths, boolean counts).
/// </summary>
public sealed partial record ColumnStatistics(string Column, string HiveType)
{
    public long NumNulls { get; init; }

    public long? NumDistinct { get; init; }

    public long? LongLow { get; init; }

    public long? LongHigh { get; init; }

    public double? DoubleLow { get; init; }

    public double? DoubleHigh { get; init; }

    public string? DecimalLow { get; init; }

    public string? DecimalHigh { get; init; }

    public long? MaxLength { get; init; }

    public double? AverageLength { get; init; }

    public long? NumTrues { get; init; }

    public long? NumFalses { get; init; }

    /// <summary>When the statistics were computed (whole seconds).</summary>
    public DateTimeOffset LastAnalyzed { get; init; } = DateTimeOffset.UnixEpoch;
}
