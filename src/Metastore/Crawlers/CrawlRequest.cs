using QueryEngine.Metastore.Crawlers.Classification;
using QueryEngine.Metastore.Crawlers.Definitions;

namespace QueryEngine.Metastore.Crawlers;

/// <summary>What a crawl covers and how it names and writes what it finds.</summary>
/// <param name="Database">Database the tables go into (created when missing).</param>
/// <param name="Targets">Locations to crawl (local paths, <c>file://</c> or <c>s3://</c> URIs).</param>
/// <param name="Exclusions">Glob patterns, relative to each target, of files to leave out.</param>
/// <param name="TablePrefix">Prepended to every table name.</param>
/// <param name="Csv">A custom CSV classifier; null uses the built-in one.</param>
/// <param name="CombineCompatibleSchemas">Glue's CombineCompatibleSchemas: sibling folders of one format become partitions of one table even when their schemas differ.</param>
/// <param name="CrawlerName">Recorded in the tables' <c>UPDATED_BY_CRAWLER</c> property; a crawl only deprecates or deletes tables carrying its name.</param>
internal sealed record CrawlRequest(
    string Database,
    IReadOnlyList<string> Targets,
    IReadOnlyList<string> Exclusions,
    string TablePrefix = "",
    CsvClassifierOptions? Csv = null,
    bool CombineCompatibleSchemas = false,
    string CrawlerName = "qe-crawl")
{
    /// <summary>What happens to changed tables and to tables and partitions whose files are gone.</summary>
    public SchemaChangePolicy SchemaChange { get; init; } = SchemaChangePolicy.Default;

    /// <summary>With <see cref="RecrawlBehavior.NewFoldersOnly"/> the schema change policy is LOG/LOG, as in Glue.</summary>
    public RecrawlBehavior Recrawl { get; init; } = RecrawlBehavior.Everything;

    /// <summary>
    /// Folders to crawl instead of whole targets, by target (relative to it, "" for the target itself), as an event
    /// crawl does: a new-folders-only crawl of just these folders, which never deprecates nor deletes anything; a
    /// target without an entry is not crawled. Null crawls every target in full.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Folders { get; init; }

    /// <summary>The request a stored crawler makes.</summary>
    public static CrawlRequest From(CrawlerDefinition crawler) =>
        new(crawler.Database, crawler.Targets, crawler.Exclusions, crawler.TablePrefix,
            crawler.Csv is { } csv ? new CsvClassifierOptions(csv.Delimiter, Header(csv.Header), csv.Quote) : null,
            crawler.Grouping == TableGroupingPolicy.CombineCompatibleSchemas, crawler.Name)
        {
            SchemaChange = crawler.SchemaChange,
            Recrawl = crawler.Recrawl,
        };

    private static CsvHeader Header(CsvHeaderSetting setting) => setting switch
    {
        CsvHeaderSetting.Present => CsvHeader.Present,
        CsvHeaderSetting.Absent => CsvHeader.Absent,
        _ => CsvHeader.Detect,
    };
}
