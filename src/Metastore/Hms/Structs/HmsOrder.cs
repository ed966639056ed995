using QueryEngine.Engine.Thrift;

namespace QueryEngine.Metastore.Hms.Structs;

/// <summary>Hive's <c>Order</c>, an entry of a storage descriptor's <c>sortCols</c>: 1 col, 2 order (1 ascending, 0 descending).</summary>
internal sealed class HmsOrder
{
    public const int Ascending = 1;
    public const int Descending = 0;

    public string? Column { get; set; }

    public int Order { get; set; } = Ascending;

    public static HmsOrder Read(BinaryProtocolReader reader)
    {
        var result = new HmsOrder();
        reader.ReadStruct((id, type) =>
        {
            switch (id)
            {
                case 1 when type == ThriftType.String: result.Column = reader.ReadString(); return true;
                case 2 when type == ThriftType.I32: result.Order = reader.ReadI32(); return true;
                default: return false;
            }
        });
        return result;
    }

    public void Write(BinaryProtocolWriter writer)
    {
        writer.WriteStringField(1, Column ?? string.Empty);
        writer.WriteI32Field(2, Order);
        writer.WriteFieldStop();
    }

    public static void WriteList(BinaryProtocolWriter writer, IReadOnlyCollection<HmsOrder>? orders)
    {
        writer.WriteListBegin(ThriftType.Struct, orders?.Count ?? 0);
        if (orders is null) return;
        foreach (var order in orders) order.Write(writer);
    }
}
