using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Thrift;

namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// Partition and statistics reads. Our catalog keeps no partitions and no statistics yet, so these answer what
/// Hive answers for a table that has none: an unpartitioned table lists no partitions, and a table without
/// statistics has an empty statistics list. A partitioned table answers MetaException ("not supported yet")
/// instead of pretending it has no partitions. Missing tables are NoSuchObjectException.
/// </summary>
internal sealed class HmsPartitionMethods(HmsContext context)
{
    private static readonly HmsErrorKind[] NoSuchFirst = [HmsErrorKind.NoSuchObjectException, HmsErrorKind.MetaException];

    private static readonly HmsErrorKind[] MetaFirst = [HmsErrorKind.MetaException, HmsErrorKind.NoSuchObjectException];

    private static readonly Dictionary<short, Func<BinaryProtocolReader, object>> RequestArg =
        new() { [1] = r => HmsArgs.Read(r, null) };

    public void Register(HmsMethodTable table)
    {
        // Legacy calls: 1 db_name, 2 tbl_name, then the call's own arguments.
        table.Add("get_partitions", NoSuchFirst, a => Empty(a, 1, 2, "get_partitions", HmsResult.EmptyStructList));
        table.Add("get_partitions_with_auth", NoSuchFirst, a => Empty(a, 1, 2, "get_partitions_with_auth", HmsResult.EmptyStructList));
        table.Add("get_partition_names", NoSuchFirst, a => Empty(a, 1, 2, "get_partition_names", HmsResult.StringList([])));
        table.Add("get_partitions_ps", MetaFirst, a => Empty(a, 1, 2, "get_partitions_ps", HmsResult.EmptyStructList));
        table.Add("get_partitions_ps_with_auth", NoSuchFirst, a => Empty(a, 1, 2, "get_partitions_ps_with_auth", HmsResult.EmptyStructList));
        table.Add("get_partition_names_ps", MetaFirst, a => Empty(a, 1, 2, "get_partition_names_ps", HmsResult.StringList([])));
        table.Add("get_partitions_by_filter", MetaFirst, a => Empty(a, 1, 2, "get_partitions_by_filter", HmsResult.EmptyStructList));
        table.Add("get_num_partitions_by_filter", MetaFirst, a => Empty(a, 1, 2, "get_num_partitions_by_filter", HmsResult.I32(0)));
        table.Add("get_partitions_by_names", MetaFirst, a => Empty(a, 1, 2, "get_partitions_by_names", HmsResult.EmptyStructList));
        table.Add("get_partition", MetaFirst, a => NoPartition(a, 1, 2, "get_partition"));
        table.Add("get_partition_by_name", MetaFirst, a => NoPartition(a, 1, 2, "get_partition_by_name"));
        table.Add("get_partition_with_auth", MetaFirst, a => NoPartition(a, 1, 2, "get_partition_with_auth"));

        // Request calls: the request struct is argument 1; its response holds the list in field 1.
        // GetPartitionsByNamesRequest: 1 db_name, 2 tbl_name, 3 names -> GetPartitionsByNamesResult: 1 partitions.
        table.Add("get_partitions_by_names_req", MetaFirst,
            a => Empty(Request(a), 1, 2, "get_partitions_by_names_req", ListInField1), RequestArg);
        // PartitionsRequest: 1 catName, 2 dbName, 3 tblName, 4 maxParts -> PartitionsResponse: 1 partitions.
        table.Add("get_partitions_req", NoSuchFirst, a => Empty(Request(a), 2, 3, "get_partitions_req", ListInField1), RequestArg);
        // GetPartitionNamesPsRequest: 1 catName, 2 dbName, 3 tblName -> GetPartitionNamesPsResponse: 1 names.
        table.Add("get_partition_names_ps_req", MetaFirst, a => Empty(Request(a), 2, 3, "get_partition_names_ps_req",
            HmsResult.Struct(w =>
            {
                w.WriteFieldBegin(ThriftType.List, 1);
                w.WriteStringList([]);
                w.WriteFieldStop();
            })), RequestArg);

        // Statistics: no statistics are kept, so every table has none.
        // TableStatsRequest: 1 dbName, 2 tblName -> TableStatsResult: 1 tableStats.
        table.Add("get_table_statistics_req", NoSuchFirst, a => NoStatistics(Request(a), ListInField1), RequestArg);
        // PartitionsStatsRequest: 1 dbName, 2 tblName -> PartitionsStatsResult: 1 partStats map<string, list<...>>.
        table.Add("get_partitions_statistics_req", NoSuchFirst, a => NoStatistics(Request(a), HmsResult.Struct(w =>
        {
            w.WriteFieldBegin(ThriftType.Map, 1);
            w.WriteMapBegin(ThriftType.String, ThriftType.List, 0);
            w.WriteFieldStop();
        })), RequestArg);
        // AggrStats: 1 colStats, 2 partsFound.
        table.Add("get_aggr_stats_for", NoSuchFirst, a => NoStatistics(Request(a), HmsResult.Struct(w =>
        {
            w.WriteFieldBegin(ThriftType.List, 1);
            w.WriteListBegin(ThriftType.Struct, 0);
            w.WriteFieldBegin(ThriftType.I64, 2);
            w.WriteI64(0);
            w.WriteFieldStop();
        })), RequestArg);
        table.Add("get_table_column_statistics",
            [HmsErrorKind.NoSuchObjectException, HmsErrorKind.MetaException, HmsErrorKind.InvalidInputException, HmsErrorKind.InvalidObjectException],
            a =>
            {
                var table = Table(a, 1, 2);
                throw new HmsException(HmsErrorKind.NoSuchObjectException,
                    $"No statistics for column {a.String(3)} of {table.Database}.{table.Name}");
            });
    }

    private static HmsResult ListInField1 { get; } = HmsResult.Struct(w =>
    {
        w.WriteFieldBegin(ThriftType.List, 1);
        w.WriteListBegin(ThriftType.Struct, 0);
        w.WriteFieldStop();
    });

    private static HmsArgs Request(HmsArgs args) =>
        args.Struct<HmsArgs>(1) ?? throw new HmsException(HmsErrorKind.MetaException, "argument request is missing");

    private TableInfo Table(HmsArgs args, short databaseId, short tableId) =>
        context.RequireTable(args.RequiredDatabase(databaseId, "db_name"), args.RequiredString(tableId, "tbl_name"));

    /// <summary>The empty answer of an unpartitioned table; a partitioned table's partitions are not kept yet.</summary>
    private HmsResult Empty(HmsArgs args, short databaseId, short tableId, string method, HmsResult empty)
    {
        var table = Table(args, databaseId, tableId);
        if (table.PartitionKeys.Count > 0) throw PartitionsNotSupported(method, table);
        return empty;
    }

    private HmsResult NoPartition(HmsArgs args, short databaseId, short tableId, string method)
    {
        var table = Table(args, databaseId, tableId);
        if (table.PartitionKeys.Count > 0) throw PartitionsNotSupported(method, table);
        throw new HmsException(HmsErrorKind.NoSuchObjectException, $"Table {table.Database}.{table.Name} is not partitioned");
    }

    private HmsResult NoStatistics(HmsArgs request, HmsResult empty)
    {
        Table(request, 1, 2);
        return empty;
    }

    private static HmsException PartitionsNotSupported(string method, TableInfo table) =>
        new(HmsErrorKind.MetaException,
            $"{method} on the partitioned table {table.Database}.{table.Name} is not supported yet by the QueryEngine metastore");
}
