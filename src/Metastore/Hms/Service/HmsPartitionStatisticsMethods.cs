using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Thrift;

namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// Column statistics of partitions, read: <c>get_partitions_statistics_req</c> (per partition name, only partitions
/// that have statistics, as in Hive), <c>get_aggr_stats_for</c> (each column combined over the named partitions by
/// <see cref="ColumnStatistics.Union"/>, average lengths weighted by the partitions' <c>numRows</c> parameters, with how many
/// partitions had statistics) and
/// <c>get_partition_column_statistics</c> (one column of one partition; NoSuchObjectException when it has none).
/// Missing tables are NoSuchObjectException; a partition name that does not exist is left out.
/// </summary>
internal sealed class HmsPartitionStatisticsMethods(HmsContext context)
{
    private static readonly HmsErrorKind[] NoSuchFirst = [HmsErrorKind.NoSuchObjectException, HmsErrorKind.MetaException];

    private static readonly Dictionary<short, Func<BinaryProtocolReader, object>> RequestArg =
        new() { [1] = r => HmsArgs.Read(r, null) };

    public void Register(HmsMethodTable table)
    {
        // PartitionsStatsRequest: 1 dbName, 2 tblName, 3 colNames, 4 partNames -> PartitionsStatsResult: 1 partStats.
        table.Add("get_partitions_statistics_req", NoSuchFirst, a =>
        {
            var (_, byPartition) = Read(Request(a));
            return HmsResult.Struct(w =>
            {
                w.WriteFieldBegin(ThriftType.Map, 1);
                w.WriteMapBegin(ThriftType.String, ThriftType.List, byPartition.Count);
                foreach (var (name, _, stats) in byPartition)
                {
                    w.WriteString(name);
                    w.WriteListBegin(ThriftType.Struct, stats.Count);
                    foreach (var column in stats) HmsColumnStatisticsCodec.Write(w, column);
                }
                w.WriteFieldStop();
            });
        }, RequestArg);
        // AggrStats: 1 colStats, 2 partsFound.
        table.Add("get_aggr_stats_for", NoSuchFirst, a =>
        {
            var (columns, byPartition) = Read(Request(a));
            var combined = new List<ColumnStatistics>();
            foreach (var column in columns)
            {
                ColumnStatistics? merged = null;
                long? mergedRows = null;
                foreach (var (_, rows, stats) in byPartition)
                {
                    var found = stats.Find(s => string.Equals(s.Column, column, StringComparison.OrdinalIgnoreCase));
                    if (found is null) continue;
                    if (merged is null)
                    {
                        (merged, mergedRows) = (found, rows);
                        continue;
                    }
                    merged = merged.Union(mergedRows, found, rows);
                    mergedRows = mergedRows + rows;
                }
                if (merged is not null) combined.Add(merged);
            }
            return HmsResult.Struct(w =>
            {
                w.WriteFieldBegin(ThriftType.List, 1);
                w.WriteListBegin(ThriftType.Struct, combined.Count);
                foreach (var column in combined) HmsColumnStatisticsCodec.Write(w, column);
                w.WriteFieldBegin(ThriftType.I64, 2);
                w.WriteI64(byPartition.Count);
                w.WriteFieldStop();
            });
        }, RequestArg);
        table.Add("get_partition_column_statistics",
            [HmsErrorKind.NoSuchObjectException, HmsErrorKind.MetaException, HmsErrorKind.InvalidInputException, HmsErrorKind.InvalidObjectException],
            a =>
            {
                var info = context.RequireTable(a.RequiredDatabase(1, "db_name"), a.RequiredString(2, "tbl_name"));
                var name = a.RequiredString(3, "part_name");
                var column = a.RequiredString(4, "col_name");
                var values = HmsPartitionConverter.Values(info, name);
                var stats = context.Catalog.GetPartition(info.Database, info.Name, values) is null
                    ? []
                    : context.Catalog.GetColumnStatistics(info.Database, info.Name, values, [column]);
                if (stats.Count == 0)
                {
                    throw new HmsException(HmsErrorKind.NoSuchObjectException, $"No statistics for column {column} of partition {name} of {info.Database}.{info.Name}");
                }
                return HmsResult.Struct(w => HmsColumnStatisticsCodec.WriteColumnStatistics(w, info, PartitionNames.Of(info.PartitionKeys, values), stats));
            });
    }

    private static long? RowCount(PartitionInfo partition) =>
        partition.Parameters.TryGetValue("numRows", out var text)
        && long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var rows)
        && rows >= 0 ? rows : null;

    private static HmsArgs Request(HmsArgs args) =>
        args.Struct<HmsArgs>(1) ?? throw new HmsException(HmsErrorKind.MetaException, "argument request is missing");

    /// <summary>
    /// The requested columns, and the statistics of each named partition that exists and has any, by canonical name,
    /// with the partition's row count (its <c>numRows</c> parameter; null when absent or not a number).
    /// </summary>
    private (List<string> Columns, List<(string Name, long? Rows, List<ColumnStatistics> Stats)> ByPartition) Read(HmsArgs request)
    {
        var info = context.RequireTable(request.RequiredDatabase(1, "dbName"), request.RequiredString(2, "tblName"));
        var columns = request.StringList(3) ?? [];
        var result = new List<(string, long?, List<ColumnStatistics>)>();
        if (info.PartitionKeys.Count == 0 || columns.Count == 0) return (columns, result);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in request.StringList(4) ?? [])
        {
            var values = HmsPartitionConverter.Values(info, name);
            var canonical = PartitionNames.Of(info.PartitionKeys, values);
            if (!seen.Add(canonical) || context.Catalog.GetPartition(info.Database, info.Name, values) is not { } partition) continue;
            var stats = context.Catalog.GetColumnStatistics(info.Database, info.Name, values, columns);
            if (stats.Count > 0) result.Add((canonical, RowCount(partition), [.. stats]));
        }
        return (columns, result);
    }
}
