namespace QueryEngine.Metastore.Crawlers.Definitions;

/// <summary>Where a crawler run is: Glue's <c>LastCrawlInfo.Status</c> plus RUNNING.</summary>
public enum CrawlRunStatus
{
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>What a finished run did, stored in its history row.</summary>
public sealed record CrawlRunCounts(int TablesCreated, int TablesUpdated, int TablesDeleted, int PartitionsAdded, int PartitionsRemoved, int FilesSkipped)
{
    public static CrawlRunCounts None { get; } = new(0, 0, 0, 0, 0, 0);
}

/// <summary>One run of a stored crawler, as its history records it.</summary>
/// <param name="Id">Increasing run number (unique across crawlers).</param>
/// <param name="EndTime">Null while the run is going on.</param>
/// <param name="Message">The error of a failed run, or a summary of what was logged and skipped.</param>
public sealed record CrawlRun(long Id, string Crawler, DateTimeOffset StartTime, DateTimeOffset? EndTime, CrawlRunStatus Status, CrawlRunCounts Counts, string? Message);
