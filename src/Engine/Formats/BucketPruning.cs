using QueryEngine.Engine.Catalog;

namespace QueryEngine.Engine.Formats;

/// <summary>
/// Bucket pruning inside a file source: the buckets a scan reads (the request's, else the table's bucketing applied to
/// the filters) and whether a data file is one of them, by the bucket number in its name.
/// </summary>
internal static class BucketPruning
{
    /// <summary>The buckets <paramref name="request"/> reads, or null when every file is read.</summary>
    public static BucketSelection? SelectionFor(ScanRequest request, TableBucketing? bucketing) =>
        request.Buckets ?? bucketing?.Select(request.Filters);

    /// <summary>Whether <paramref name="file"/> is a bucket file of a bucket the scan does not read (a file without a bucket number in its name is always read).</summary>
    public static bool Skips(BucketSelection? selection, DataFile file) =>
        selection is not null && WriteFileNames.TryGetBucket(file.Object.Name, out var bucket) && !selection.Includes(bucket);

    /// <summary>The counts to report, or null when no selection applied.</summary>
    public static BucketScan? Report(BucketSelection? selection, int read, int skipped) =>
        selection is null ? null : new BucketScan(read, skipped, selection.Kept, selection.Count);
}
