using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Formats.Parquet.Metadata;

/// <summary>A horizontal slice of the file: one chunk per leaf column.</summary>
internal sealed class RowGroup
{
    public List<ColumnChunk> Columns { get; set; } = [];

    public long TotalByteSize { get; set; }

    public long NumRows { get; set; }

    public long? FileOffset { get; set; }

    public long? TotalCompressedSize { get; set; }

    public static RowGroup Read(ref CompactReader r)
    {
        var g = new RowGroup();
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.List:
                    {
                        var n = r.ReadListHeader(out var et);
                        if (et != CompactType.Struct && n > 0) throw r.Error("row group columns are not structs");
                        g.Columns.Capacity = n;
                        for (var i = 0; i < n; i++) g.Columns.Add(ColumnChunk.Read(ref r));
                        break;
                    }
                case 2 when type == CompactType.I64: g.TotalByteSize = r.ReadI64(); break;
                case 3 when type == CompactType.I64: g.NumRows = r.ReadI64(); break;
                case 5 when type == CompactType.I64: g.FileOffset = r.ReadI64(); break;
                case 6 when type == CompactType.I64: g.TotalCompressedSize = r.ReadI64(); break;
                default: r.Skip(type); break;
            }
        }
        r.ExitStruct();
        return g;
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.BeginListField(1, CompactType.Struct, Columns.Count);
        foreach (var c in Columns) c.Write(w);
        w.WriteI64Field(2, TotalByteSize);
        w.WriteI64Field(3, NumRows);
        if (FileOffset is { } fo) w.WriteI64Field(5, fo);
        if (TotalCompressedSize is { } tcs) w.WriteI64Field(6, tcs);
        w.EndStruct();
    }
}
