using QueryEngine.Engine.Thrift;

namespace QueryEngine.Metastore.Hms.Structs;

/// <summary>Hive's <c>FieldSchema</c>: 1 name, 2 type (a Hive type string), 3 comment.</summary>
internal sealed class HmsFieldSchema
{
    public string? Name { get; set; }

    public string? Type { get; set; }

    public string? Comment { get; set; }

    public static HmsFieldSchema Read(BinaryProtocolReader reader)
    {
        var result = new HmsFieldSchema();
        reader.ReadStruct((id, type) =>
        {
            switch (id)
            {
                case 1 when type == ThriftType.String: result.Name = reader.ReadString(); return true;
                case 2 when type == ThriftType.String: result.Type = reader.ReadString(); return true;
                case 3 when type == ThriftType.String: result.Comment = reader.ReadString(); return true;
                default: return false;
            }
        });
        return result;
    }

    public void Write(BinaryProtocolWriter writer)
    {
        writer.WriteStringField(1, Name ?? string.Empty);
        writer.WriteStringField(2, Type ?? string.Empty);
        writer.WriteStringField(3, Comment);
        writer.WriteFieldStop();
    }

    public static void WriteList(BinaryProtocolWriter writer, IReadOnlyList<HmsFieldSchema> fields)
    {
        writer.WriteListBegin(ThriftType.Struct, fields.Count);
        foreach (var field in fields) field.Write(writer);
    }
}
