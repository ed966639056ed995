using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Formats.Parquet.Metadata;

/// <summary>The data pages of one column chunk, in order (parquet.thrift <c>OffsetIndex</c>).</summary>
internal sealed class OffsetIndex
{
    public List<PageLocation> PageLocations { get; set; } = [];

    /// <summary>Bytes of BYTE_ARRAY data per page before encoding (optional, only kept when present).</summary>
    public List<long>? UnencodedByteArrayDataBytes { get; set; }

    public static OffsetIndex Read(ref CompactReader r)
    {
        var index = new OffsetIndex();
        var seen = false;
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.List:
                    {
                        var n = r.ReadListHeader(out var et);
                        if (et != CompactType.Struct && n > 0) throw r.Error("page_locations is not a list of structs");
                        for (var i = 0; i < n; i++) index.PageLocations.Add(PageLocation.Read(ref r));
                        seen = true;
                        break;
                    }
                case 2 when type == CompactType.List: index.UnencodedByteArrayDataBytes = ColumnIndex.ReadI64List(ref r, "unencoded_byte_array_data_bytes"); break;
                default: r.Skip(type); break;
            }
        }
        r.ExitStruct();
        if (!seen) throw r.Error("offset index without page_locations");
        return index;
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.BeginListField(1, CompactType.Struct, PageLocations.Count);
        foreach (var p in PageLocations) p.Write(w);
        if (UnencodedByteArrayDataBytes is { } bytes)
        {
            w.BeginListField(2, CompactType.I64, bytes.Count);
            foreach (var b in bytes) w.WriteI64(b);
        }
        w.EndStruct();
    }
}
