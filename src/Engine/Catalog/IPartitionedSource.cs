using QueryEngine.Engine.Expressions;

namespace QueryEngine.Engine.Catalog;

/// <summary>
/// A source over a partitioned table: which of its partitions a scan with given filters reads, without listing
/// any file. EXPLAIN shows it so partition pruning is visible.
/// </summary>
public interface IPartitionedSource
{
    /// <summary>The partitions a scan with <paramref name="filters"/> (over the table schema) reads, of how many the table has.</summary>
    PartitionSelection SelectPartitions(IReadOnlyList<PhysicalExpr> filters);
}

/// <summary>
/// <paramref name="Selected"/> partitions of <paramref name="Total"/>; Total is null for tables with Athena partition
/// projection, whose partitions are computed from the filters and not stored.
/// </summary>
public readonly record struct PartitionSelection(int Selected, int? Total);
