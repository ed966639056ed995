using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Thrift;

namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// Statistics reads. Statistics are not served over Thrift yet: every table answers as one never analyzed
/// (empty lists; NoSuchObjectException for one column's statistics). Missing tables are NoSuchObjectException.
/// </summary>
internal sealed class HmsStatisticsMethods(HmsContext context)
{
    private static readonly HmsErrorKind[] NoSuchFirst = [HmsErrorKind.NoSuchObjectException, HmsErrorKind.MetaException];

    private static readonly Dictionary<short, Func<BinaryProtocolReader, object>> RequestArg =
        new() { [1] = r => HmsArgs.Read(r, null) };

    public void Register(HmsMethodTable table)
    {
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
                var info = Table(a, 1, 2);
                throw new HmsException(HmsErrorKind.NoSuchObjectException,
                    $"No statistics for column {a.String(3)} of {info.Database}.{info.Name}");
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

    private HmsResult NoStatistics(HmsArgs request, HmsResult empty)
    {
        Table(request, 1, 2);
        return empty;
    }
}
