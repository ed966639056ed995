using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Thrift;
using QueryEngine.Metastore.Hms.Structs;

namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// Partition writes: <c>add_partition[_with_environment_context]</c>, <c>add_partitions</c>,
/// <c>add_partitions_req</c> (all or none, in one catalog transaction), <c>drop_partition[_by_name]</c> (with
/// their <c>_with_environment_context</c> forms; files are never deleted) and <c>alter_partition</c>,
/// <c>alter_partitions</c> (storage and parameters; each reads the partition's current version first).
/// </summary>
internal sealed class HmsPartitionWriteMethods(HmsContext context)
{
    private static readonly HmsErrorKind[] AddThrows =
        [HmsErrorKind.InvalidObjectException, HmsErrorKind.AlreadyExistsException, HmsErrorKind.MetaException];

    private static readonly HmsErrorKind[] DropThrows = [HmsErrorKind.NoSuchObjectException, HmsErrorKind.MetaException];

    private static readonly HmsErrorKind[] AlterThrows = [HmsErrorKind.InvalidOperationException, HmsErrorKind.MetaException];

    private static readonly Dictionary<short, Func<BinaryProtocolReader, object>> PartitionArg1 = new() { [1] = HmsPartition.Read };

    private static readonly Dictionary<short, Func<BinaryProtocolReader, object>> PartitionListArg1 = new() { [1] = HmsPartition.ReadList };

    private static readonly Dictionary<short, Func<BinaryProtocolReader, object>> PartitionArg3 = new() { [3] = HmsPartition.Read };

    private static readonly Dictionary<short, Func<BinaryProtocolReader, object>> PartitionListArg3 = new() { [3] = HmsPartition.ReadList };

    /// <summary>AddPartitionsRequest: 1 dbName, 2 tblName, 3 parts, 4 ifNotExists, 5 needResult (default true).</summary>
    private static readonly Dictionary<short, Func<BinaryProtocolReader, object>> AddRequestArg =
        new() { [1] = r => HmsArgs.Read(r, PartitionListArg3) };

    private ICatalog Catalog => context.Catalog;

    public void Register(HmsMethodTable table)
    {
        table.Add("add_partition", AddThrows, a => AddOne(a.Struct<HmsPartition>(1)), PartitionArg1);
        table.Add("add_partition_with_environment_context", AddThrows, a => AddOne(a.Struct<HmsPartition>(1)), PartitionArg1);
        table.Add("add_partitions", AddThrows, a =>
        {
            var parts = a.Struct<List<HmsPartition>>(1) ?? [];
            if (parts.Count == 0) return HmsResult.I32(0);
            return HmsResult.I32(Add(parts[0].DbName, parts[0].TableName, parts, ifNotExists: false).Added.Count);
        }, PartitionListArg1);
        table.Add("add_partitions_req", AddThrows, a =>
        {
            var request = a.Struct<HmsArgs>(1) ?? throw new HmsException(HmsErrorKind.MetaException, "argument request is missing");
            var (info, added) = Add(request.RequiredDatabase(1, "dbName"), request.RequiredString(2, "tblName"),
                request.Struct<List<HmsPartition>>(3) ?? [], request.Bool(4));
            var needResult = request.Bool(5, defaultValue: true);
            var result = needResult ? added.Select(p => HmsPartitionConverter.ToThrift(info, p)).ToList() : null;
            return HmsResult.Struct(w =>
            {
                if (result is not null)
                {
                    w.WriteFieldBegin(ThriftType.List, 1);
                    HmsPartition.WriteList(w, result);
                }
                w.WriteFieldStop();
            });
        }, AddRequestArg);

        table.Add("drop_partition", DropThrows, a => Drop(a, t => a.StringList(3) ?? []));
        table.Add("drop_partition_with_environment_context", DropThrows, a => Drop(a, t => a.StringList(3) ?? []));
        table.Add("drop_partition_by_name", DropThrows,
            a => Drop(a, t => HmsPartitionConverter.Values(t, a.RequiredString(3, "part_name"))));
        table.Add("drop_partition_by_name_with_environment_context", DropThrows,
            a => Drop(a, t => HmsPartitionConverter.Values(t, a.RequiredString(3, "part_name"))));

        table.Add("alter_partition", AlterThrows, a => Alter(a, [a.Struct<HmsPartition>(3)]), PartitionArg3);
        table.Add("alter_partition_with_environment_context", AlterThrows, a => Alter(a, [a.Struct<HmsPartition>(3)]), PartitionArg3);
        table.Add("alter_partitions", AlterThrows, a => Alter(a, [.. a.Struct<List<HmsPartition>>(3) ?? []]), PartitionListArg3);
        table.Add("alter_partitions_with_environment_context", AlterThrows,
            a => Alter(a, [.. a.Struct<List<HmsPartition>>(3) ?? []]), PartitionListArg3);
    }

    private DateTimeOffset Now => DateTimeOffset.FromUnixTimeSeconds(context.Clock.GetUtcNow().ToUnixTimeSeconds());

    private HmsResult AddOne(HmsPartition? partition)
    {
        if (partition is null) throw new HmsException(HmsErrorKind.InvalidObjectException, "argument new_part is missing");
        var (info, added) = Add(partition.DbName, partition.TableName, [partition], ifNotExists: false);
        var thrift = HmsPartitionConverter.ToThrift(info, added[0]);
        return HmsResult.Struct(thrift.Write);
    }

    /// <summary>Adds partitions of one table in one transaction; returns the ones added, as stored.</summary>
    private (TableInfo Table, List<PartitionInfo> Added) Add(string? database, string? table, List<HmsPartition> parts, bool ifNotExists)
    {
        database = HmsCatalogNames.Strip(database);
        if (string.IsNullOrWhiteSpace(database) || string.IsNullOrWhiteSpace(table))
        {
            throw new HmsException(HmsErrorKind.InvalidObjectException, "Partition needs a database name and a table name");
        }
        var info = Catalog.GetTable(database, table)
            ?? throw new HmsException(HmsErrorKind.InvalidObjectException, $"Table {database}.{table} does not exist");
        if (info.PartitionKeys.Count == 0)
        {
            throw new HmsException(HmsErrorKind.InvalidObjectException, $"Table {info.Database}.{info.Name} is not partitioned");
        }
        var now = Now;
        var partitions = new List<PartitionInfo>(parts.Count);
        foreach (var part in parts)
        {
            var db = HmsCatalogNames.Strip(part.DbName);
            if ((db is not null && !string.Equals(db, info.Database, StringComparison.OrdinalIgnoreCase))
                || (part.TableName is not null && !string.Equals(part.TableName, info.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new HmsException(HmsErrorKind.MetaException, $"Partition {string.Join('/', part.Values)} does not belong to {info.Database}.{info.Name}");
            }
            partitions.Add(HmsPartitionConverter.FromThrift(info, part, now));
        }
        var before = new HashSet<string>(Catalog.ListPartitionNames(info.Database, info.Name), StringComparer.Ordinal);
        Catalog.AddPartitions(info.Database, info.Name, partitions, ifNotExists);
        var added = new List<PartitionInfo>(partitions.Count);
        foreach (var partition in partitions)
        {
            if (before.Contains(PartitionNames.Of(info.PartitionKeys, partition.Values))) continue;
            if (Catalog.GetPartition(info.Database, info.Name, partition.Values) is { } stored) added.Add(stored);
        }
        return (info, added);
    }

    private HmsResult Drop(HmsArgs args, Func<TableInfo, List<string>> values)
    {
        var info = context.RequireTable(args.RequiredDatabase(1, "db_name"), args.RequiredString(2, "tbl_name"));
        var partition = values(info);
        if (partition.Count != info.PartitionKeys.Count || Catalog.GetPartition(info.Database, info.Name, partition) is null)
        {
            throw new HmsException(HmsErrorKind.NoSuchObjectException,
                $"Partition {string.Join('/', partition)} of {info.Database}.{info.Name} not found");
        }
        Catalog.DropPartitions(info.Database, info.Name, [partition], ifExists: false);
        return HmsResult.Bool(true);
    }

    private HmsResult Alter(HmsArgs args, List<HmsPartition?> parts)
    {
        var info = context.RequireTable(args.RequiredDatabase(1, "db_name"), args.RequiredString(2, "tbl_name"));
        foreach (var part in parts)
        {
            if (part is null) throw new HmsException(HmsErrorKind.InvalidOperationException, "argument new_part is missing");
            var updated = HmsPartitionConverter.FromThrift(info, part, Now);
            var current = Catalog.GetPartition(info.Database, info.Name, updated.Values)
                ?? throw new HmsException(HmsErrorKind.InvalidOperationException,
                    $"alter is not possible: partition {string.Join('/', updated.Values)} of {info.Database}.{info.Name} does not exist");
            Catalog.AlterPartition(updated with
            {
                Storage = updated.Storage ?? current.Storage,
                CreateTime = current.CreateTime,
                Version = current.Version,
            });
        }
        return HmsResult.Void;
    }
}
