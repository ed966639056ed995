using QueryEngine.Metastore.Crawlers.Classification;

namespace QueryEngine.Metastore.Crawlers;

/// <summary>What a crawl covers and how it names and writes what it finds.</summary>
/// <param name="Database">Database the tables go into (created when missing).</param>
/// <param name="Targets">Locations to crawl (local paths, <c>file://</c> or <c>s3://</c> URIs).</param>
/// <param name="Exclusions">Glob patterns, relative to each target, of files to leave out.</param>
/// <param name="TablePrefix">Prepended to every table name.</param>
/// <param name="Csv">A custom CSV classifier; null uses the built-in one.</param>
/// <param name="CombineCompatibleSchemas">Glue's CombineCompatibleSchemas: sibling folders of one format become partitions of one table even when their schemas differ.</param>
/// <param name="CrawlerName">Recorded in the tables' <c>UPDATED_BY_CRAWLER</c> property.</param>
internal sealed record CrawlRequest(
    string Database,
    IReadOnlyList<string> Targets,
    IReadOnlyList<string> Exclusions,
    string TablePrefix = "",
    CsvClassifierOptions? Csv = null,
    bool CombineCompatibleSchemas = false,
    string CrawlerName = "qe-crawl");
