using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Formats.Parquet.Metadata;

/// <summary>The Parquet footer.</summary>
internal sealed class FileMetaData
{
    public int Version { get; set; } = 1;

    public List<SchemaElement> Schema { get; set; } = [];

    public long NumRows { get; set; }

    public List<RowGroup> RowGroups { get; set; } = [];

    public List<KeyValue>? KeyValueMetadata { get; set; }

    public string? CreatedBy { get; set; }

    public static FileMetaData Read(ref CompactReader r)
    {
        var m = new FileMetaData();
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: m.Version = r.ReadI32(); break;
                case 2 when type == CompactType.List:
                    {
                        var n = r.ReadListHeader(out var et);
                        if (et != CompactType.Struct && n > 0) throw r.Error("schema is not a list of structs");
                        m.Schema.Capacity = n;
                        for (var i = 0; i < n; i++) m.Schema.Add(SchemaElement.Read(ref r));
                        break;
                    }
                case 3 when type == CompactType.I64: m.NumRows = r.ReadI64(); break;
                case 4 when type == CompactType.List:
                    {
                        var n = r.ReadListHeader(out var et);
                        if (et != CompactType.Struct && n > 0) throw r.Error("row_groups is not a list of structs");
                        m.RowGroups.Capacity = n;
                        for (var i = 0; i < n; i++) m.RowGroups.Add(RowGroup.Read(ref r));
                        break;
                    }
                case 5 when type == CompactType.List: m.KeyValueMetadata = KeyValue.ReadList(ref r); break;
                case 6 when type == CompactType.Binary: m.CreatedBy = r.ReadString(); break;
                default: r.Skip(type); break;
            }
        }
        r.ExitStruct();
        return m;
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.WriteI32Field(1, Version);
        w.BeginListField(2, CompactType.Struct, Schema.Count);
        foreach (var e in Schema) e.Write(w);
        w.WriteI64Field(3, NumRows);
        w.BeginListField(4, CompactType.Struct, RowGroups.Count);
        foreach (var g in RowGroups) g.Write(w);
        if (KeyValueMetadata is { Count: > 0 } kv)
        {
            w.BeginListField(5, CompactType.Struct, kv.Count);
            foreach (var e in kv) e.Write(w);
        }
        if (CreatedBy is not null) w.WriteStringField(6, CreatedBy);
        w.EndStruct();
    }
}
