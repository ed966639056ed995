namespace QueryEngine.Metastore.Crawlers.Definitions;

/// <summary>
/// Where crawler definitions and their run history live (the metastore's CRAWLERS and CRAWL_RUNS tables). Names are
/// case-insensitive and stored in lower case; a missing crawler is a <see cref="Engine.Common.NotFoundException"/>
/// naming it, a duplicate a <see cref="Engine.Common.SemanticException"/>.
/// </summary>
public interface ICrawlerStore
{
    void CreateCrawler(CrawlerDefinition crawler);

    /// <summary>Replaces a crawler's definition (keeping its creation time and history).</summary>
    void UpdateCrawler(CrawlerDefinition crawler);

    CrawlerDefinition? GetCrawler(string name);

    /// <summary>All crawlers by name.</summary>
    IReadOnlyList<CrawlerDefinition> ListCrawlers();

    /// <summary>Deletes a crawler and its history (the tables it made stay).</summary>
    void DeleteCrawler(string name);

    /// <summary>Records the start of a run; returns its id.</summary>
    long StartCrawlRun(string crawler, DateTimeOffset start);

    /// <summary>Records how a run ended.</summary>
    void FinishCrawlRun(long runId, DateTimeOffset end, CrawlRunStatus status, CrawlRunCounts counts, string? message);

    /// <summary>A crawler's runs, newest first.</summary>
    IReadOnlyList<CrawlRun> ListCrawlRuns(string crawler, int limit = 100);
}
