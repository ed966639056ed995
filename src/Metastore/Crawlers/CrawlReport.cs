namespace QueryEngine.Metastore.Crawlers;

/// <summary>What one crawl did: tables by outcome, partitions added, files classified, and every file it skipped with why.</summary>
internal sealed record CrawlReport(
    IReadOnlyList<string> TablesCreated,
    IReadOnlyList<string> TablesUpdated,
    IReadOnlyList<string> TablesUnchanged,
    int PartitionsAdded,
    int FilesClassified,
    IReadOnlyList<(string Path, string Reason)> Skipped,
    TimeSpan Elapsed);
