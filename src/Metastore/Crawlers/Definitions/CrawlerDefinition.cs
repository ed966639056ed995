namespace QueryEngine.Metastore.Crawlers.Definitions;

/// <summary>A custom CSV classifier stored with a crawler (Glue's <c>CsvClassifier</c>).</summary>
/// <param name="Delimiter">Field separator; null lets the crawler sniff it.</param>
/// <param name="Quote">Quote character.</param>
/// <param name="Header">Whether files start with a header line.</param>
public sealed record CsvClassifierDefinition(char? Delimiter = null, char Quote = '"', CsvHeaderSetting Header = CsvHeaderSetting.Detect);

/// <summary>Glue's <c>ContainsHeader</c>: UNKNOWN (detect), PRESENT or ABSENT.</summary>
public enum CsvHeaderSetting
{
    Detect,
    Present,
    Absent,
}

/// <summary>
/// A crawler as stored in the metastore: what it crawls, into which database, and the policies its runs follow.
/// </summary>
/// <param name="Name">Unique crawler name (lower case).</param>
/// <param name="Database">Database the tables go into (created on the first run when missing).</param>
/// <param name="Targets">Locations to crawl: local paths, <c>file://</c> or <c>s3://</c> URIs.</param>
/// <param name="Exclusions">Glob patterns, relative to each target, of files to leave out.</param>
public sealed record CrawlerDefinition(string Name, string Database, IReadOnlyList<string> Targets, IReadOnlyList<string> Exclusions)
{
    /// <summary>Prepended to every table name.</summary>
    public string TablePrefix { get; init; } = "";

    /// <summary>A custom CSV classifier; null uses the built-in one.</summary>
    public CsvClassifierDefinition? Csv { get; init; }

    public SchemaChangePolicy SchemaChange { get; init; } = SchemaChangePolicy.Default;

    public RecrawlBehavior Recrawl { get; init; } = RecrawlBehavior.Everything;

    public TableGroupingPolicy Grouping { get; init; } = TableGroupingPolicy.Default;

    /// <summary>A Glue cron expression (<c>cron(0 12 * * ? *)</c>, see <see cref="CronSchedule"/>); null runs only on demand.</summary>
    public string? Schedule { get; init; }

    public string? Description { get; init; }

    /// <summary>Set by the store on create; kept by updates.</summary>
    public DateTimeOffset CreateTime { get; init; }

    /// <summary>Set by the store on create and update.</summary>
    public DateTimeOffset LastUpdated { get; init; }
}
