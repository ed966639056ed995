using QueryEngine.Engine.Thrift;

namespace QueryEngine.Metastore.Hms.Structs;

/// <summary>
/// Hive's <c>Database</c>: 1 name, 2 description, 3 locationUri, 4 parameters, 5 privileges (read past),
/// 6 ownerName, 7 ownerType (USER = 1), 8 catalogName, 9 createTime; later Hive 4 fields are read past.
/// </summary>
internal sealed class HmsDatabase
{
    /// <summary>The catalog every database of ours belongs to (Hive's default catalog name).</summary>
    public const string DefaultCatalog = "hive";

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? LocationUri { get; set; }

    public Dictionary<string, string> Parameters { get; set; } = new(StringComparer.Ordinal);

    public string? OwnerName { get; set; }

    public int? OwnerType { get; set; }

    public string? CatalogName { get; set; }

    public static HmsDatabase Read(BinaryProtocolReader reader)
    {
        var result = new HmsDatabase();
        reader.ReadStruct((id, type) =>
        {
            switch (id)
            {
                case 1 when type == ThriftType.String: result.Name = reader.ReadString(); return true;
                case 2 when type == ThriftType.String: result.Description = reader.ReadString(); return true;
                case 3 when type == ThriftType.String: result.LocationUri = reader.ReadString(); return true;
                case 4 when type == ThriftType.Map: result.Parameters = reader.ReadStringMap(); return true;
                case 6 when type == ThriftType.String: result.OwnerName = reader.ReadString(); return true;
                case 7 when type == ThriftType.I32: result.OwnerType = reader.ReadI32(); return true;
                case 8 when type == ThriftType.String: result.CatalogName = reader.ReadString(); return true;
                default: return false;
            }
        });
        return result;
    }

    public void Write(BinaryProtocolWriter writer)
    {
        writer.WriteStringField(1, Name ?? string.Empty);
        writer.WriteStringField(2, Description);
        writer.WriteStringField(3, LocationUri);
        writer.WriteFieldBegin(ThriftType.Map, 4);
        writer.WriteStringMap(Parameters);
        writer.WriteStringField(6, OwnerName);
        if (OwnerType is { } ownerType) writer.WriteI32Field(7, ownerType);
        writer.WriteStringField(8, CatalogName);
        writer.WriteFieldStop();
    }
}
