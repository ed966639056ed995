using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Thrift;
using QueryEngine.Metastore.Hms.Structs;

namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// Column statistics of tables: <c>update_table_column_statistics</c> and
/// <c>update_partition_column_statistics</c> store them, <c>get_table_statistics_req</c> and
/// <c>get_table_column_statistics</c> read them, <c>delete_table_column_statistics</c> deletes them. Partition
/// statistics reads and aggregates still answer as for a table never analyzed (empty). Missing tables are
/// NoSuchObjectException; so is a column without statistics in <c>get_table_column_statistics</c>.
/// </summary>
internal sealed class HmsStatisticsMethods(HmsContext context)
{
    private static readonly HmsErrorKind[] NoSuchFirst = [HmsErrorKind.NoSuchObjectException, HmsErrorKind.MetaException];

    private static readonly HmsErrorKind[] UpdateThrows =
    [
        HmsErrorKind.NoSuchObjectException, HmsErrorKind.InvalidObjectException,
        HmsErrorKind.MetaException, HmsErrorKind.InvalidInputException,
    ];

    private static readonly HmsErrorKind[] DeleteThrows =
    [
        HmsErrorKind.NoSuchObjectException, HmsErrorKind.MetaException,
        HmsErrorKind.InvalidObjectException, HmsErrorKind.InvalidInputException,
    ];

    private static readonly Dictionary<short, Func<BinaryProtocolReader, object>> UpdateArg = new() { [1] = HmsStatisticsUpdate.Read };

    private static readonly Dictionary<short, Func<BinaryProtocolReader, object>> RequestArg =
        new() { [1] = r => HmsArgs.Read(r, null) };

    public void Register(HmsMethodTable table)
    {
        // TableStatsRequest: 1 dbName, 2 tblName -> TableStatsResult: 1 tableStats.
        table.Add("get_table_statistics_req", NoSuchFirst, a =>
        {
            var request = Request(a);
            var info = Table(request, 1, 2);
            var stats = context.Catalog.GetColumnStatistics(info.Database, info.Name, null, request.StringList(3));
            return HmsResult.Struct(w =>
            {
                w.WriteFieldBegin(ThriftType.List, 1);
                w.WriteListBegin(ThriftType.Struct, stats.Count);
                foreach (var column in stats) HmsColumnStatisticsCodec.Write(w, column);
                w.WriteFieldStop();
            });
        }, RequestArg);
        table.Add("update_table_column_statistics", UpdateThrows, a => Update(a, partition: false), UpdateArg);
        table.Add("update_partition_column_statistics", UpdateThrows, a => Update(a, partition: true), UpdateArg);
        table.Add("delete_table_column_statistics", DeleteThrows, a =>
        {
            var info = Table(a, 1, 2);
            var deleted = context.Catalog.DeleteColumnStatistics(info.Database, info.Name, null, a.String(3));
            if (deleted == 0)
            {
                throw new HmsException(HmsErrorKind.NoSuchObjectException, $"No statistics for column {a.String(3)} of {info.Database}.{info.Name}");
            }
            return HmsResult.Bool(true);
        });
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
                var info = Table(a, 1, 2);
                var column = a.RequiredString(3, "col_name");
                var stats = context.Catalog.GetColumnStatistics(info.Database, info.Name, null, [column]);
                if (stats.Count == 0)
                {
                    throw new HmsException(HmsErrorKind.NoSuchObjectException, $"No statistics for column {column} of {info.Database}.{info.Name}");
                }
                // ColumnStatistics: 1 statsDesc {1 isTblLevel, 2 dbName, 3 tableName, 5 lastAnalyzed}, 2 statsObj.
                return HmsResult.Struct(w =>
                {
                    w.WriteFieldBegin(ThriftType.Struct, 1);
                    w.WriteBoolField(1, true);
                    w.WriteStringField(2, info.Database);
                    w.WriteStringField(3, info.Name);
                    w.WriteFieldBegin(ThriftType.I64, 5);
                    w.WriteI64(stats[0].LastAnalyzed.ToUnixTimeSeconds());
                    w.WriteFieldStop();
                    w.WriteFieldBegin(ThriftType.List, 2);
                    w.WriteListBegin(ThriftType.Struct, stats.Count);
                    foreach (var s in stats) HmsColumnStatisticsCodec.Write(w, s);
                    w.WriteFieldStop();
                });
            });
    }

    private HmsResult Update(HmsArgs args, bool partition)
    {
        var update = args.Struct<HmsStatisticsUpdate>(1)
            ?? throw new HmsException(HmsErrorKind.InvalidInputException, "argument stats_obj is missing");
        var info = context.RequireTable(
            HmsCatalogNames.Strip(update.DbName) ?? throw new HmsException(HmsErrorKind.InvalidInputException, "statistics need a database name"),
            update.TableName ?? throw new HmsException(HmsErrorKind.InvalidInputException, "statistics need a table name"));
        List<string>? values = null;
        if (partition)
        {
            values = HmsPartitionConverter.Values(info, update.PartitionName
                ?? throw new HmsException(HmsErrorKind.InvalidInputException, "partition statistics need a partition name"));
            if (context.Catalog.GetPartition(info.Database, info.Name, values) is null)
            {
                throw new HmsException(HmsErrorKind.NoSuchObjectException, $"Partition {update.PartitionName} of {info.Database}.{info.Name} not found");
            }
        }
        var analyzed = update.LastAnalyzed is { } seconds
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.FromUnixTimeSeconds(context.Clock.GetUtcNow().ToUnixTimeSeconds());
        var columns = update.Columns.Select(c => c with { LastAnalyzed = analyzed }).ToList();
        context.Catalog.UpdateColumnStatistics(info.Database, info.Name, values, columns);
        return HmsResult.Bool(true);
    }

    private static HmsArgs Request(HmsArgs args) =>
        args.Struct<HmsArgs>(1) ?? throw new HmsException(HmsErrorKind.MetaException, "argument request is missing");

    private TableInfo Table(HmsArgs args, short databaseId, short tableId) =>
        context.RequireTable(args.RequiredDatabase(databaseId, "db_name"), args.RequiredString(tableId, "tbl_name"));

    private HmsResult NoStatistics(HmsArgs request, HmsResult empty)
    {
        Table(request, 1, 2);
        return empty;
    }
}
