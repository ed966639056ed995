using QueryEngine.Engine.Formats.Parquet.Metadata;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>Statistics of some rows (a row group, or one page) per leaf column, for <see cref="RowGroupPruner"/>.</summary>
internal interface IStatisticsView
{
    /// <summary>How many rows the statistics describe.</summary>
    long Rows { get; }

    /// <summary>The leaf's statistics over those rows, or null when unknown.</summary>
    Statistics? For(ParquetLeaf leaf);
}
