namespace QueryEngine.Metastore.Crawlers;

/// <summary>What one crawl did: tables by outcome, partitions, files read, and every file it skipped with why.</summary>
internal sealed record CrawlReport(
    IReadOnlyList<string> TablesCreated,
    IReadOnlyList<string> TablesUpdated,
    IReadOnlyList<string> TablesUnchanged,
    int FilesClassified,
    IReadOnlyList<(string Path, string Reason)> Skipped,
    TimeSpan Elapsed);
