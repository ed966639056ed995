namespace QueryEngine.Engine.Catalog;

/// <summary>
/// One partition of a table, as Hive's metastore keeps it: the values of the table's partition keys (in key order,
/// as strings; <see cref="PartitionNames.DefaultPartitionName"/> stands for NULL), a storage descriptor (location,
/// formats, SerDe), its own columns when they differ from the table's (<see cref="Columns"/>) and parameters. When added with a null
/// <see cref="Storage"/> or a storage without a location, the catalog uses the table's storage with the location
/// <c>&lt;table location&gt;/k1=v1/k2=v2</c>.
/// </summary>
public sealed record PartitionInfo(string Database, string Table, IReadOnlyList<string> Values, StorageInfo? Storage = null)
{
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The partition's own columns (its storage descriptor's), as Hive and Glue keep them: a partition registered
    /// before its table gained columns keeps the columns it had. Null means the table's.
    /// </summary>
    public IReadOnlyList<ColumnInfo>? Columns { get; init; }

    public DateTimeOffset CreateTime { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>
    /// Optimistic-concurrency version: 0 when added, +1 on every alteration. An alteration must carry the version
    /// it read, or it fails with <see cref="Common.ConcurrentModificationException"/>.
    /// </summary>
    public long Version { get; init; }
}
