using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Thrift;
using QueryEngine.Metastore.Hms.Structs;

namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// Column statistics of tables, and every statistics write: <c>update_table_column_statistics</c>,
/// <c>update_partition_column_statistics</c>, their <c>_req</c> forms (SetPartitionsStatsRequest: 1 colStats,
/// 2 needMerge) and <c>set_aggr_stats_for</c> (each ColumnStatistics goes to its table or partition; with needMerge
/// the update is combined with what is stored, see <see cref="ColumnStatistics.Union"/>) store them;
/// <c>get_table_statistics_req</c> and <c>get_table_column_statistics</c> read them;
/// <c>delete_table_column_statistics</c> and <c>delete_partition_column_statistics</c> delete one column's (every
/// column's when the name is null). Partition reads are in <see cref="HmsPartitionStatisticsMethods"/>. Missing
/// tables and partitions are NoSuchObjectException; so is a column without statistics to read or delete.
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

    private static readonly Dictionary<short, Func<BinaryProtocolReader, object>> SetRequestArg = new()
    {
        [1] = r => HmsArgs.Read(r, new Dictionary<short, Func<BinaryProtocolReader, object>> { [1] = p => p.ReadStructList(HmsStatisticsUpdate.Read) }),
    };

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
        table.Add("update_table_column_statistics", UpdateThrows, a => Update(Single(a), partition: false), UpdateArg);
        table.Add("update_partition_column_statistics", UpdateThrows, a => Update(Single(a), partition: true), UpdateArg);
        // SetPartitionsStatsResponse: 1 result.
        table.Add("update_table_column_statistics_req", UpdateThrows, a => UpdateMany(a, partition: false, inField1: true), SetRequestArg);
        table.Add("update_partition_column_statistics_req", UpdateThrows, a => UpdateMany(a, partition: true, inField1: true), SetRequestArg);
        table.Add("set_aggr_stats_for", UpdateThrows, a => UpdateMany(a, partition: null, inField1: false), SetRequestArg);
        table.Add("delete_table_column_statistics", DeleteThrows, a => Delete(a, null, a.String(3)));
        table.Add("delete_partition_column_statistics", DeleteThrows, a => Delete(a, a.RequiredString(3, "part_name"), a.String(4)));
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
                return HmsResult.Struct(w => HmsColumnStatisticsCodec.WriteColumnStatistics(w, info, null, stats));
            });
    }

    private static HmsStatisticsUpdate Single(HmsArgs args) =>
        args.Struct<HmsStatisticsUpdate>(1) ?? throw new HmsException(HmsErrorKind.InvalidInputException, "argument stats_obj is missing");

    /// <summary>Stores every ColumnStatistics of a SetPartitionsStatsRequest; partition null: as each one's partName says.</summary>
    private HmsResult UpdateMany(HmsArgs args, bool? partition, bool inField1)
    {
        var request = args.Struct<HmsArgs>(1) ?? throw new HmsException(HmsErrorKind.InvalidInputException, "argument req is missing");
        var merge = request.Bool(2);
        foreach (var update in request.Struct<List<HmsStatisticsUpdate>>(1) ?? [])
        {
            Update(update, partition ?? update.PartitionName is not null, merge);
        }
        if (!inField1) return HmsResult.Bool(true);
        return HmsResult.Struct(w =>
        {
            w.WriteBoolField(1, true);
            w.WriteFieldStop();
        });
    }

    private HmsResult Delete(HmsArgs args, string? partitionName, string? column)
    {
        var info = Table(args, 1, 2);
        List<string>? values = partitionName is null ? null : HmsPartitionConverter.Values(info, partitionName);
        if (values is not null && context.Catalog.GetPartition(info.Database, info.Name, values) is null)
        {
            throw new HmsException(HmsErrorKind.NoSuchObjectException, $"Partition {partitionName} of {info.Database}.{info.Name} not found");
        }
        var deleted = context.Catalog.DeleteColumnStatistics(info.Database, info.Name, values, column);
        if (deleted == 0)
        {
            var where = partitionName is null ? $"{info.Database}.{info.Name}" : $"partition {partitionName} of {info.Database}.{info.Name}";
            throw new HmsException(HmsErrorKind.NoSuchObjectException, $"No statistics for column {column ?? "(any)"} of {where}");
        }
        return HmsResult.Bool(true);
    }

    private HmsResult Update(HmsStatisticsUpdate update, bool partition, bool merge = false)
    {
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
        if (update.Columns.Any(c => string.IsNullOrWhiteSpace(c.Column) || string.IsNullOrWhiteSpace(c.HiveType)))
        {
            throw new HmsException(HmsErrorKind.InvalidObjectException, "Column statistics need a column name and type");
        }
        var columns = update.Columns.Select(c => c with { LastAnalyzed = analyzed }).ToList();
        if (merge)
        {
            var stored = context.Catalog.GetColumnStatistics(info.Database, info.Name, values, columns.Select(c => c.Column).ToList());
            for (var i = 0; i < columns.Count; i++)
            {
                var old = stored.FirstOrDefault(s => string.Equals(s.Column, columns[i].Column, StringComparison.OrdinalIgnoreCase));
                if (old is not null && string.Equals(old.HiveType, columns[i].HiveType, StringComparison.OrdinalIgnoreCase))
                {
                    // The row counts behind either side are not part of the call: the average lengths count alike.
                    columns[i] = columns[i].Union(null, old, null);
                }
            }
        }
        context.Catalog.UpdateColumnStatistics(info.Database, info.Name, values, columns);
        return HmsResult.Bool(true);
    }

    private static HmsArgs Request(HmsArgs args) =>
        args.Struct<HmsArgs>(1) ?? throw new HmsException(HmsErrorKind.MetaException, "argument request is missing");

    private TableInfo Table(HmsArgs args, short databaseId, short tableId) =>
        context.RequireTable(args.RequiredDatabase(databaseId, "db_name"), args.RequiredString(tableId, "tbl_name"));
}
