using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Formats.Parquet.Metadata;

/// <summary>A key/value metadata entry.</summary>
internal sealed record KeyValue(string Key, string? Value)
{
    public static KeyValue Read(ref CompactReader r)
    {
        string key = "";
        string? value = null;
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            if (id == 1 && type == CompactType.Binary) key = r.ReadString();
            else if (id == 2 && type == CompactType.Binary) value = r.ReadString();
            else r.Skip(type);
        }
        r.ExitStruct();
        return new KeyValue(key, value);
    }

    public static List<KeyValue> ReadList(ref CompactReader r)
    {
        var n = r.ReadListHeader(out var element);
        var list = new List<KeyValue>(n);
        for (var i = 0; i < n; i++)
        {
            if (element != CompactType.Struct) throw r.Error("key/value metadata is not a list of structs");
            list.Add(Read(ref r));
        }
        return list;
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.WriteStringField(1, Key);
        if (Value is not null) w.WriteStringField(2, Value);
        w.EndStruct();
    }
}
