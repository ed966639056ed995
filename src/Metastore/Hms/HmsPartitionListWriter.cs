using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Thrift;
using QueryEngine.Metastore.Hms.Structs;

namespace QueryEngine.Metastore.Hms;

/// <summary>
/// Writes a <c>list&lt;Partition&gt;</c> straight from the catalog's pages (<see cref="ICatalog.ReadPartitionPages"/>)
/// into the reply, with the same bytes as <see cref="HmsPartitionConverter.ToThrift"/> then
/// <see cref="HmsPartition.Write"/> would give, but without building Thrift structs: the column list a partition
/// shares with its table (or with other partitions, by reference) is serialized once and copied.
/// </summary>
internal sealed class HmsPartitionListWriter(BinaryProtocolWriter writer, TableInfo table) : IPartitionPageReader
{
    private static readonly IReadOnlyDictionary<string, string> NoParameters = new Dictionary<string, string>();

    private readonly Dictionary<IReadOnlyList<ColumnInfo>, byte[]> _columns = new(ReferenceEqualityComparer.Instance);

    public void Begin(int count) => writer.WriteListBegin(ThriftType.Struct, count);

    public void Page(IReadOnlyList<PartitionInfo> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        for (var i = 0; i < partitions.Count; i++) Write(partitions[i]);
    }

    private void Write(PartitionInfo partition)
    {
        var storage = partition.Storage ?? table.Storage;
        HmsPartition.WriteBeforeStorage(writer, partition.Values, table.Database, table.Name, HmsPartitionConverter.CreateTime(partition), 0);
        writer.WriteFieldBegin(ThriftType.List, 1);
        writer.WriteRaw(Columns(partition.Columns ?? table.Columns));
        HmsStorageDescriptor.WriteAfterColumns(writer, new HmsStorageDescriptor.Fields(
            storage.Location,
            HmsDatabaseConverter.NullIfEmpty(storage.InputFormat),
            HmsDatabaseConverter.NullIfEmpty(storage.OutputFormat),
            Compressed: false,
            NumBuckets: -1,
            HmsDatabaseConverter.NullIfEmpty(storage.SerdeLibrary),
            storage.SerdeParameters,
            BucketColumns: [],
            NoParameters));
        HmsPartition.WriteAfterStorage(writer, partition.Parameters, HmsDatabase.DefaultCatalog);
    }

    /// <summary>The serialized <c>list&lt;FieldSchema&gt;</c> of <paramref name="columns"/>, made once per list.</summary>
    private byte[] Columns(IReadOnlyList<ColumnInfo> columns)
    {
        if (_columns.TryGetValue(columns, out var bytes)) return bytes;
        var scratch = new BinaryProtocolWriter();
        HmsFieldSchema.WriteList(scratch, HmsTableConverter.Fields(columns));
        bytes = scratch.Written.ToArray();
        _columns[columns] = bytes;
        return bytes;
    }
}
