namespace QueryEngine.Metastore.Crawlers;

/// <summary>
/// What one crawl did: tables by outcome, partitions added and removed, files classified, every file it skipped with
/// why, and what it only logged (changes and deletions its policy kept it from applying).
/// </summary>
internal sealed record CrawlReport(
    IReadOnlyList<string> TablesCreated,
    IReadOnlyList<string> TablesUpdated,
    IReadOnlyList<string> TablesUnchanged,
    IReadOnlyList<string> TablesDeleted,
    IReadOnlyList<string> TablesDeprecated,
    int PartitionsAdded,
    int PartitionsRemoved,
    int FilesClassified,
    IReadOnlyList<(string Path, string Reason)> Skipped,
    IReadOnlyList<string> Log,
    TimeSpan Elapsed);

/// <summary>The report of a crawl as it goes on.</summary>
internal sealed class CrawlProgress
{
    public List<string> Created { get; } = [];

    public List<string> Updated { get; } = [];

    public List<string> Unchanged { get; } = [];

    public List<string> Deleted { get; } = [];

    public List<string> Deprecated { get; } = [];

    public int PartitionsAdded { get; set; }

    public int PartitionsRemoved { get; set; }

    public int FilesClassified { get; set; }

    public List<(string Path, string Reason)> Skipped { get; } = [];

    public List<string> Log { get; } = [];

    public CrawlReport ToReport(TimeSpan elapsed) =>
        new(Created, Updated, Unchanged, Deleted, Deprecated, PartitionsAdded, PartitionsRemoved, FilesClassified, Skipped, Log, elapsed);
}
