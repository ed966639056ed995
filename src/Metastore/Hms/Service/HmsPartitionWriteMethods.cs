using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Thrift;
using QueryEngine.Metastore.Hms.Structs;

namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// Partition writes: <c>add_partition[_with_environment_context]</c>, <c>add_partitions</c>,
/// <c>add_partitions_req</c> (all or none, in one catalog transaction), <c>append_partition[_by_name]</c> (with
/// their <c>_with_environment_context</c> forms: a partition at the table's default location),
/// <c>drop_partition[_by_name]</c> (with their <c>_with_environment_context</c> forms; files are never deleted),
/// <c>drop_partitions_req</c> (by names, all or none) and <c>alter_partition</c>, <c>alter_partitions</c>,
/// <c>alter_partitions_req</c> (storage and parameters; each reads the partition's current version first).
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

    /// <summary>AlterPartitionsRequest: 1 catName, 2 dbName, 3 tableName, 4 partitions, 5 environmentContext.</summary>
    private static readonly Dictionary<short, Func<BinaryProtocolReader, object>> AlterRequestArg =
        new() { [1] = r => HmsArgs.Read(r, new Dictionary<short, Func<BinaryProtocolReader, object>> { [4] = HmsPartition.ReadList }) };

    /// <summary>DropPartitionsRequest: 1 dbName, 2 tblName, 3 parts (union: 1 names, 2 exprs), 5 ifExists, 8 needResult.</summary>
    private static readonly Dictionary<short, Func<BinaryProtocolReader, object>> DropRequestArg =
        new() { [1] = r => HmsArgs.Read(r, new Dictionary<short, Func<BinaryProtocolReader, object>> { [3] = p => HmsArgs.Read(p, null) }) };

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

        // append_partition(1 db_name, 2 tbl_name, 3 part_vals) and append_partition_by_name(..., 3 part_name).
        table.Add("append_partition", AddThrows, a => Append(a, _ => a.StringList(3) ?? []));
        table.Add("append_partition_with_environment_context", AddThrows, a => Append(a, _ => a.StringList(3) ?? []));
        table.Add("append_partition_by_name", AddThrows,
            a => Append(a, t => HmsPartitionConverter.Values(t, a.RequiredString(3, "part_name"))));
        table.Add("append_partition_by_name_with_environment_context", AddThrows,
            a => Append(a, t => HmsPartitionConverter.Values(t, a.RequiredString(3, "part_name"))));

        table.Add("drop_partitions_req", DropThrows, a => DropMany(
            a.Struct<HmsArgs>(1) ?? throw new HmsException(HmsErrorKind.MetaException, "argument req is missing")), DropRequestArg);
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
        table.Add("alter_partitions_req", AlterThrows, a =>
        {
            var request = a.Struct<HmsArgs>(1) ?? throw new HmsException(HmsErrorKind.MetaException, "argument req is missing");
            Alter(request, 2, 3, [.. request.Struct<List<HmsPartition>>(4) ?? []]);
            return HmsResult.Struct(w => w.WriteFieldStop());
        }, AlterRequestArg);
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

    private HmsResult Append(HmsArgs args, Func<TableInfo, List<string>> values)
    {
        var database = args.RequiredDatabase(1, "db_name");
        var name = args.RequiredString(2, "tbl_name");
        var info = Catalog.GetTable(database, name)
            ?? throw new HmsException(HmsErrorKind.InvalidObjectException, $"Table {database}.{name} does not exist");
        return AddOne(new HmsPartition { Values = values(info), DbName = info.Database, TableName = info.Name });
    }

    /// <summary>Drops the named partitions in one transaction; unknown names fail unless ifExists (default true).</summary>
    private HmsResult DropMany(HmsArgs request)
    {
        var info = context.RequireTable(request.RequiredDatabase(1, "dbName"), request.RequiredString(2, "tblName"));
        var names = request.Struct<HmsArgs>(3)?.StringList(1)
            ?? throw new HmsException(HmsErrorKind.MetaException, "drop_partitions_req: only partition names are supported, not expressions");
        var ifExists = request.Bool(5, defaultValue: true);
        var dropped = new List<PartitionInfo>(names.Count);
        var values = new List<IReadOnlyList<string>>(names.Count);
        foreach (var name in names)
        {
            var partition = HmsPartitionConverter.Values(info, name);
            if (Catalog.GetPartition(info.Database, info.Name, partition) is { } stored)
            {
                dropped.Add(stored);
                values.Add(partition);
            }
            else if (!ifExists)
            {
                throw new HmsException(HmsErrorKind.NoSuchObjectException, $"Partition {name} of {info.Database}.{info.Name} not found");
            }
        }
        if (values.Count > 0) Catalog.DropPartitions(info.Database, info.Name, values, ifExists);
        var needResult = request.Bool(8, defaultValue: true);
        var result = needResult ? dropped.Select(p => HmsPartitionConverter.ToThrift(info, p)).ToList() : null;
        return HmsResult.Struct(w =>
        {
            if (result is not null)
            {
                w.WriteFieldBegin(ThriftType.List, 1);
                HmsPartition.WriteList(w, result);
            }
            w.WriteFieldStop();
        });
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

    private HmsResult Alter(HmsArgs args, List<HmsPartition?> parts) => Alter(args, 1, 2, parts);

    private HmsResult Alter(HmsArgs args, short databaseId, short tableId, List<HmsPartition?> parts)
    {
        var info = context.RequireTable(args.RequiredDatabase(databaseId, "db_name"), args.RequiredString(tableId, "tbl_name"));
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
                // A new descriptor brings its columns; without one the partition keeps its own.
                Columns = updated.Storage is null ? current.Columns : updated.Columns,
                CreateTime = current.CreateTime,
                Version = current.Version,
            });
        }
        return HmsResult.Void;
    }
}
