using QueryEngine.Engine.Formats.Parquet.Metadata;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// The checked page index of one column chunk: its pages' locations (first rows from 0, strictly increasing, inside
/// the row group; bytes inside the chunk) and, when the writer made one, the per-page statistics.
/// </summary>
internal sealed record ChunkPageIndex(OffsetIndex Offsets, ColumnIndex? Columns, long RowGroupRows)
{
    public int PageCount => Offsets.PageLocations.Count;

    public long FirstRow(int page) => Offsets.PageLocations[page].FirstRowIndex;

    /// <summary>One past the last row of the page.</summary>
    public long EndRow(int page) => page + 1 < PageCount ? Offsets.PageLocations[page + 1].FirstRowIndex : RowGroupRows;

    /// <summary>The statistics of page <paramref name="page"/> as the column index gives them (null without a column index).</summary>
    public Statistics? PageStatistics(int page)
    {
        if (Columns is not { } index) return null;
        var rows = EndRow(page) - FirstRow(page);
        if (index.NullPages[page]) return new Statistics { NullCount = rows };
        return new Statistics
        {
            NullCount = index.NullCounts?[page],
            MinValue = index.MinValues[page],
            MaxValue = index.MaxValues[page],
        };
    }
}
