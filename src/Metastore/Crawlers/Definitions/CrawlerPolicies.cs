namespace QueryEngine.Metastore.Crawlers.Definitions;

/// <summary>Glue's <c>SchemaChangePolicy.UpdateBehavior</c>: what a crawl does to a table whose schema or format changed.</summary>
public enum SchemaUpdateBehavior
{
    /// <summary><c>UPDATE_IN_DATABASE</c>: rewrite the table's definition.</summary>
    UpdateInDatabase,

    /// <summary><c>LOG</c>: leave the table as it is and report the change (new tables and partitions are still added).</summary>
    Log,
}

/// <summary>Glue's <c>SchemaChangePolicy.DeleteBehavior</c>: what a crawl does to tables and partitions whose files are gone.</summary>
public enum DeletedObjectBehavior
{
    /// <summary><c>DEPRECATE_IN_DATABASE</c>: keep them, marked with the <c>DEPRECATED_BY_CRAWLER</c> parameter.</summary>
    Deprecate,

    /// <summary><c>DELETE_FROM_DATABASE</c>: drop them from the catalog (files are never touched).</summary>
    Delete,

    /// <summary><c>LOG</c>: only report them.</summary>
    Log,
}

/// <summary>Glue's <c>RecrawlPolicy.RecrawlBehavior</c>.</summary>
public enum RecrawlBehavior
{
    /// <summary><c>CRAWL_EVERYTHING</c>: sample every file on every run.</summary>
    Everything,

    /// <summary>
    /// <c>CRAWL_NEW_FOLDERS_ONLY</c>: files in folders the catalog already has (a table's partition or an unpartitioned
    /// table) are not read again; only new folders are sampled and added. Existing tables are never changed or removed.
    /// </summary>
    NewFoldersOnly,

    /// <summary>
    /// <c>CRAWL_EVENT_MODE</c> for local targets: <c>qe serve</c> (or <c>qe crawler watch</c>) watches the target
    /// folders and crawls just the folders where files landed, as a new-folders crawl. A run started on demand or by
    /// the schedule crawls everything, as <see cref="Everything"/> does.
    /// </summary>
    Events,
}

/// <summary>Glue's <c>Grouping.TableGroupingPolicy</c>.</summary>
public enum TableGroupingPolicy
{
    /// <summary>Sibling folders become one table only when their schemas are similar.</summary>
    Default,

    /// <summary><c>CombineCompatibleSchemas</c>: sibling folders of one format become one table whatever their schemas.</summary>
    CombineCompatibleSchemas,
}

/// <summary>Glue's <c>SchemaChangePolicy</c>.</summary>
public sealed record SchemaChangePolicy(SchemaUpdateBehavior Update = SchemaUpdateBehavior.UpdateInDatabase, DeletedObjectBehavior Delete = DeletedObjectBehavior.Deprecate)
{
    public static SchemaChangePolicy Default { get; } = new();
}
