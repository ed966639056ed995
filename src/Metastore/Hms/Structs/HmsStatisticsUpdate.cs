using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Thrift;

namespace QueryEngine.Metastore.Hms.Structs;

/// <summary>
/// Hive's <c>ColumnStatistics</c> as an update reads it: 1 statsDesc {1 isTblLevel, 2 dbName, 3 tableName,
/// 4 partName, 5 lastAnalyzed}, 2 statsObj (see <see cref="HmsColumnStatisticsCodec"/>); engine and write ids are read past.
/// </summary>
internal sealed class HmsStatisticsUpdate
{
    public string? DbName { get; set; }

    public string? TableName { get; set; }

    public string? PartitionName { get; set; }

    public long? LastAnalyzed { get; set; }

    public List<ColumnStatistics> Columns { get; set; } = [];

    public static HmsStatisticsUpdate Read(BinaryProtocolReader reader)
    {
        var result = new HmsStatisticsUpdate();
        reader.ReadStruct((id, type) =>
        {
            switch (id)
            {
                case 1 when type == ThriftType.Struct:
                    reader.ReadStruct((d, t) =>
                    {
                        switch (d)
                        {
                            case 2 when t == ThriftType.String: result.DbName = reader.ReadString(); return true;
                            case 3 when t == ThriftType.String: result.TableName = reader.ReadString(); return true;
                            case 4 when t == ThriftType.String: result.PartitionName = reader.ReadString(); return true;
                            case 5 when t == ThriftType.I64: result.LastAnalyzed = reader.ReadI64(); return true;
                            default: return false;
                        }
                    });
                    return true;
                case 2 when type == ThriftType.List:
                    result.Columns = reader.ReadStructList(HmsColumnStatisticsCodec.Read);
                    return true;
                default:
                    return false;
            }
        });
        return result;
    }
}
