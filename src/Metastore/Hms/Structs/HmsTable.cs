using QueryEngine.Engine.Thrift;

namespace QueryEngine.Metastore.Hms.Structs;

/// <summary>
/// Hive's <c>Table</c>: 1 tableName, 2 dbName, 3 owner, 4 createTime, 5 lastAccessTime, 6 retention, 7 sd,
/// 8 partitionKeys, 9 parameters, 10 viewOriginalText, 11 viewExpandedText, 12 tableType, 14 temporary,
/// 17 catName, 18 ownerType; the other optional fields (privileges, statistics, write ids, ...) are read past.
/// </summary>
internal sealed class HmsTable
{
    public const string ExternalTable = "EXTERNAL_TABLE";
    public const string ManagedTable = "MANAGED_TABLE";
    public const string VirtualView = "VIRTUAL_VIEW";
    public const string MaterializedView = "MATERIALIZED_VIEW";

    public string? TableName { get; set; }

    public string? DbName { get; set; }

    public string? Owner { get; set; }

    public int CreateTime { get; set; }

    public int LastAccessTime { get; set; }

    public int Retention { get; set; }

    public HmsStorageDescriptor? Sd { get; set; }

    public List<HmsFieldSchema> PartitionKeys { get; set; } = [];

    public Dictionary<string, string> Parameters { get; set; } = new(StringComparer.Ordinal);

    public string? ViewOriginalText { get; set; }

    public string? ViewExpandedText { get; set; }

    public string? TableType { get; set; }

    public bool Temporary { get; set; }

    public string? CatName { get; set; }

    public static HmsTable Read(BinaryProtocolReader reader)
    {
        var result = new HmsTable();
        reader.ReadStruct((id, type) =>
        {
            switch (id)
            {
                case 1 when type == ThriftType.String: result.TableName = reader.ReadString(); return true;
                case 2 when type == ThriftType.String: result.DbName = reader.ReadString(); return true;
                case 3 when type == ThriftType.String: result.Owner = reader.ReadString(); return true;
                case 4 when type == ThriftType.I32: result.CreateTime = reader.ReadI32(); return true;
                case 5 when type == ThriftType.I32: result.LastAccessTime = reader.ReadI32(); return true;
                case 6 when type == ThriftType.I32: result.Retention = reader.ReadI32(); return true;
                case 7 when type == ThriftType.Struct: result.Sd = HmsStorageDescriptor.Read(reader); return true;
                case 8 when type == ThriftType.List: result.PartitionKeys = reader.ReadStructList(HmsFieldSchema.Read); return true;
                case 9 when type == ThriftType.Map: result.Parameters = reader.ReadStringMap(); return true;
                case 10 when type == ThriftType.String: result.ViewOriginalText = reader.ReadString(); return true;
                case 11 when type == ThriftType.String: result.ViewExpandedText = reader.ReadString(); return true;
                case 12 when type == ThriftType.String: result.TableType = reader.ReadString(); return true;
                case 14 when type == ThriftType.Bool: result.Temporary = reader.ReadBool(); return true;
                case 17 when type == ThriftType.String: result.CatName = reader.ReadString(); return true;
                default: return false;
            }
        });
        return result;
    }

    public void Write(BinaryProtocolWriter writer)
    {
        writer.WriteStringField(1, TableName ?? string.Empty);
        writer.WriteStringField(2, DbName ?? string.Empty);
        writer.WriteStringField(3, Owner);
        writer.WriteI32Field(4, CreateTime);
        writer.WriteI32Field(5, LastAccessTime);
        writer.WriteI32Field(6, Retention);
        writer.WriteFieldBegin(ThriftType.Struct, 7);
        (Sd ?? new HmsStorageDescriptor()).Write(writer);
        writer.WriteFieldBegin(ThriftType.List, 8);
        HmsFieldSchema.WriteList(writer, PartitionKeys);
        writer.WriteFieldBegin(ThriftType.Map, 9);
        writer.WriteStringMap(Parameters);
        writer.WriteStringField(10, ViewOriginalText);
        writer.WriteStringField(11, ViewExpandedText);
        writer.WriteStringField(12, TableType);
        writer.WriteBoolField(14, Temporary);
        writer.WriteStringField(17, CatName);
        // 18 ownerType: PrincipalType.USER, Hive's default.
        writer.WriteI32Field(18, 1);
        writer.WriteFieldStop();
    }

    public static void WriteList(BinaryProtocolWriter writer, IReadOnlyList<HmsTable> tables)
    {
        writer.WriteListBegin(ThriftType.Struct, tables.Count);
        foreach (var table in tables) table.Write(writer);
    }
}
