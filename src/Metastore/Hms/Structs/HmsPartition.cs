using QueryEngine.Engine.Thrift;

namespace QueryEngine.Metastore.Hms.Structs;

/// <summary>
/// Hive's <c>Partition</c>: 1 values, 2 dbName, 3 tableName, 4 createTime, 5 lastAccessTime, 6 sd, 7 parameters,
/// 9 catName; privileges (8), write ids and statistics (10+) are read past.
/// </summary>
internal sealed class HmsPartition
{
    public List<string> Values { get; set; } = [];

    public string? DbName { get; set; }

    public string? TableName { get; set; }

    public int CreateTime { get; set; }

    public int LastAccessTime { get; set; }

    public HmsStorageDescriptor? Sd { get; set; }

    public Dictionary<string, string> Parameters { get; set; } = new(StringComparer.Ordinal);

    public string? CatName { get; set; }

    public static HmsPartition Read(BinaryProtocolReader reader)
    {
        var result = new HmsPartition();
        reader.ReadStruct((id, type) =>
        {
            switch (id)
            {
                case 1 when type == ThriftType.List: result.Values = reader.ReadStringList(); return true;
                case 2 when type == ThriftType.String: result.DbName = reader.ReadString(); return true;
                case 3 when type == ThriftType.String: result.TableName = reader.ReadString(); return true;
                case 4 when type == ThriftType.I32: result.CreateTime = reader.ReadI32(); return true;
                case 5 when type == ThriftType.I32: result.LastAccessTime = reader.ReadI32(); return true;
                case 6 when type == ThriftType.Struct: result.Sd = HmsStorageDescriptor.Read(reader); return true;
                case 7 when type == ThriftType.Map: result.Parameters = reader.ReadStringMap(); return true;
                case 9 when type == ThriftType.String: result.CatName = reader.ReadString(); return true;
                default: return false;
            }
        });
        return result;
    }

    /// <summary>Reads a <c>list&lt;Partition&gt;</c> argument.</summary>
    public static List<HmsPartition> ReadList(BinaryProtocolReader reader) => reader.ReadStructList(Read);

    public void Write(BinaryProtocolWriter writer)
    {
        WriteBeforeStorage(writer, Values, DbName, TableName, CreateTime, LastAccessTime);
        (Sd ?? new HmsStorageDescriptor()).Write(writer);
        WriteAfterStorage(writer, Parameters, CatName);
    }

    /// <summary>Fields 1 to 5 and the header of field 6 (sd), whose struct the caller writes next.</summary>
    public static void WriteBeforeStorage(BinaryProtocolWriter writer, IReadOnlyCollection<string> values, string? dbName, string? tableName, int createTime, int lastAccessTime)
    {
        writer.WriteFieldBegin(ThriftType.List, 1);
        writer.WriteStringList(values);
        writer.WriteStringField(2, dbName ?? string.Empty);
        writer.WriteStringField(3, tableName ?? string.Empty);
        writer.WriteI32Field(4, createTime);
        writer.WriteI32Field(5, lastAccessTime);
        writer.WriteFieldBegin(ThriftType.Struct, 6);
    }

    /// <summary>Fields 7 (parameters) and 9 (catName), and the stop.</summary>
    public static void WriteAfterStorage(BinaryProtocolWriter writer, IReadOnlyDictionary<string, string> parameters, string? catName)
    {
        writer.WriteFieldBegin(ThriftType.Map, 7);
        writer.WriteStringMap(parameters);
        writer.WriteStringField(9, catName);
        writer.WriteFieldStop();
    }

    public static void WriteList(BinaryProtocolWriter writer, IReadOnlyList<HmsPartition> partitions)
    {
        writer.WriteListBegin(ThriftType.Struct, partitions.Count);
        foreach (var partition in partitions) partition.Write(writer);
    }
}
