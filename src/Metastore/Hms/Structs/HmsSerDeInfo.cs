using QueryEngine.Engine.Thrift;

namespace QueryEngine.Metastore.Hms.Structs;

/// <summary>Hive's <c>SerDeInfo</c>: 1 name, 2 serializationLib, 3 parameters (4-7 are read past).</summary>
internal sealed class HmsSerDeInfo
{
    public string? Name { get; set; }

    public string? SerializationLib { get; set; }

    public Dictionary<string, string> Parameters { get; set; } = new(StringComparer.Ordinal);

    public static HmsSerDeInfo Read(BinaryProtocolReader reader)
    {
        var result = new HmsSerDeInfo();
        reader.ReadStruct((id, type) =>
        {
            switch (id)
            {
                case 1 when type == ThriftType.String: result.Name = reader.ReadString(); return true;
                case 2 when type == ThriftType.String: result.SerializationLib = reader.ReadString(); return true;
                case 3 when type == ThriftType.Map: result.Parameters = reader.ReadStringMap(); return true;
                default: return false;
            }
        });
        return result;
    }

    public void Write(BinaryProtocolWriter writer) => Write(writer, Name, SerializationLib, Parameters);

    /// <summary>The struct's fields and stop, from values that need not be in an instance (listings write many).</summary>
    public static void Write(BinaryProtocolWriter writer, string? name, string? serializationLib, IReadOnlyDictionary<string, string> parameters)
    {
        writer.WriteStringField(1, name);
        writer.WriteStringField(2, serializationLib);
        writer.WriteFieldBegin(ThriftType.Map, 3);
        writer.WriteStringMap(parameters);
        writer.WriteFieldStop();
    }
}
