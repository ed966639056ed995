namespace QueryEngine.Engine.Catalog;

/// <summary>
/// One partition of a table, as Hive's metastore keeps it: the values of the table's partition keys (in key order,
/// as strings; <see cref="PartitionNames.DefaultPartitionName"/> stands for NULL), a storage descriptor (location,
/// formats, SerDe) and parameters. Columns are the table's (Glue's "inherit from table"). When added with a null
/// <see cref="Storage"/> or a storage without a location, the catalog uses the table's storage with the location
/// <c>&lt;table location&gt;/k1=v1/k2=v2</c>.
/// </summary>
public sealed record PartitionInfo(string Database, string Table, IReadOnlyList<string> Values, StorageInfo? Storage = null)
{
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset CreateTime { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>
    /// Optimistic-concurrency version: 0 when added, +1 on every alteration. An alteration must carry the version
    /// it read, or it fails with <see cref="Common.ConcurrentModificationException"/>.
    /// </summary>
    public long Version { get; init; }
}
