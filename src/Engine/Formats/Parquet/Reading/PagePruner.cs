using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Formats.Parquet.Metadata;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// The rows of a row group that may satisfy the pushed-down filters according to the column indexes: a predicate on
/// one column (the comparisons, null tests and IN lists <see cref="RowGroupPruner"/> understands) keeps the rows of the pages
/// whose statistics may match; AND intersects, OR unites, the filters intersect. Pages of different columns need not
/// be aligned: everything is in row numbers. A column without a column index keeps all rows.
/// </summary>
internal static class PagePruner
{
    public static RowRanges Select(IReadOnlyList<PhysicalExpr> filters, long rows, Func<int, ParquetLeaf?> leafOf, Func<ParquetLeaf, ChunkPageIndex?> indexOf)
    {
        var ranges = RowRanges.All(rows);
        foreach (var filter in filters)
        {
            ranges = ranges.Intersect(Ranges(filter, rows, leafOf, indexOf));
            if (ranges.IsEmpty) break;
        }
        return ranges;
    }

    private static RowRanges Ranges(PhysicalExpr expr, long rows, Func<int, ParquetLeaf?> leafOf, Func<ParquetLeaf, ChunkPageIndex?> indexOf)
    {
        switch (expr)
        {
            case BinaryExpr { Op: BinaryOp.And } and:
                {
                    var left = Ranges(and.Left, rows, leafOf, indexOf);
                    return left.IsEmpty ? left : left.Intersect(Ranges(and.Right, rows, leafOf, indexOf));
                }
            case BinaryExpr { Op: BinaryOp.Or } or:
                return Ranges(or.Left, rows, leafOf, indexOf).Union(Ranges(or.Right, rows, leafOf, indexOf));
            case LiteralExpr:
                return RowGroupPruner.MayMatch(expr, new NoStatistics(rows), leafOf) ? RowRanges.All(rows) : RowRanges.None;
            case IsNullExpr { Input: ColumnExpr column }:
                return ByPage(expr, column, rows, leafOf, indexOf);
            case BinaryExpr { Left: ColumnExpr column, Right: LiteralExpr }:
                return ByPage(expr, column, rows, leafOf, indexOf);
            case BinaryExpr { Left: LiteralExpr, Right: ColumnExpr column }:
                return ByPage(expr, column, rows, leafOf, indexOf);
            case InListExpr { Input: ColumnExpr column, Negated: false }:
                return ByPage(expr, column, rows, leafOf, indexOf);
            default:
                return RowRanges.All(rows);
        }
    }

    private static RowRanges ByPage(PhysicalExpr predicate, ColumnExpr column, long rows, Func<int, ParquetLeaf?> leafOf, Func<ParquetLeaf, ChunkPageIndex?> indexOf)
    {
        if (leafOf(column.Index) is not { MaxRepetition: 0 } leaf || indexOf(leaf) is not { Columns: not null } index) return RowRanges.All(rows);
        var kept = new List<(long Start, long End)>();
        for (var page = 0; page < index.PageCount; page++)
        {
            if (RowGroupPruner.MayMatch(predicate, new PageStatistics(index, page, leaf), leafOf)) kept.Add((index.FirstRow(page), index.EndRow(page)));
        }
        return RowRanges.FromSorted(kept);
    }

    /// <summary>One page's statistics of one leaf (nothing known about other leaves).</summary>
    private sealed class PageStatistics(ChunkPageIndex index, int page, ParquetLeaf leaf) : IStatisticsView
    {
        public long Rows => index.EndRow(page) - index.FirstRow(page);

        public Statistics? For(ParquetLeaf other) => other.Index == leaf.Index ? index.PageStatistics(page) : null;
    }

    private sealed class NoStatistics(long rows) : IStatisticsView
    {
        public long Rows => rows;

        public Statistics? For(ParquetLeaf leaf) => null;
    }
}
