using QueryEngine.Engine.Thrift;
using QueryEngine.Metastore.Hms.Structs;

namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// What a call returns: nothing (<c>void</c> methods) or the <c>success</c> field (id 0) of its result struct,
/// given by its Thrift type and a writer of the value.
/// </summary>
internal sealed class HmsResult
{
    private HmsResult(ThriftType? type, Action<BinaryProtocolWriter>? writeValue)
    {
        Type = type;
        WriteValue = writeValue;
    }

    public static HmsResult Void { get; } = new(null, null);

    /// <summary>The type of the success value; null for <c>void</c>.</summary>
    public ThriftType? Type { get; }

    public Action<BinaryProtocolWriter>? WriteValue { get; }

    public static HmsResult Of(ThriftType type, Action<BinaryProtocolWriter> writeValue) => new(type, writeValue);

    public static HmsResult String(string value) => new(ThriftType.String, w => w.WriteString(value));

    public static HmsResult Bool(bool value) => new(ThriftType.Bool, w => w.WriteBool(value));

    public static HmsResult I32(int value) => new(ThriftType.I32, w => w.WriteI32(value));

    public static HmsResult StringList(IReadOnlyCollection<string> values) => new(ThriftType.List, w => w.WriteStringList(values));

    /// <summary>An empty <c>list&lt;struct&gt;</c> (no partitions, no functions, ...).</summary>
    public static HmsResult EmptyStructList { get; } = new(ThriftType.List, w => w.WriteListBegin(ThriftType.Struct, 0));

    public static HmsResult Struct(Action<BinaryProtocolWriter> writeFieldsAndStop) => new(ThriftType.Struct, writeFieldsAndStop);

    public static HmsResult Fields(List<HmsFieldSchema> fields) => new(ThriftType.List, w => HmsFieldSchema.WriteList(w, fields));
}
