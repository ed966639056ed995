using System.Globalization;

namespace QueryEngine.Engine.Catalog;

/// <summary>
/// Optional on a table source over a bucketed table: its bucketing, and how many bucket files its last
/// <see cref="ITableSource.PlanScan"/> read and left out by bucket pruning (<see cref="TableBucketing"/>), so EXPLAIN
/// and EXPLAIN ANALYZE can show it.
/// </summary>
public interface IBucketedSource
{
    /// <summary>The table's bucketing, or null when its files are not bucketed (as far as pruning is concerned).</summary>
    TableBucketing? Bucketing { get; }

    /// <summary>Files planned and skipped by bucket in the most recent <see cref="ITableSource.PlanScan"/>; null when no bucket selection applied.</summary>
    BucketScan? LastBucketScan { get; }
}

/// <summary>What bucket pruning did in one scan plan: files read of the files listed, and buckets selected of the count.</summary>
public sealed record BucketScan(int FilesRead, int FilesSkipped, int BucketsSelected, int BucketCount)
{
    /// <summary>E.g. <c>buckets: 1 of 8, files: 2 of 16 read</c>.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"buckets: {BucketsSelected} of {BucketCount}, files: {FilesRead} of {FilesRead + FilesSkipped} read");

    /// <summary>The counts of two scans (partitions) added up.</summary>
    public BucketScan Add(BucketScan other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new BucketScan(FilesRead + other.FilesRead, FilesSkipped + other.FilesSkipped, BucketsSelected, BucketCount);
    }
}
