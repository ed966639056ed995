using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Formats.Parquet.Metadata;

/// <summary>
/// Per-page statistics of one column chunk (parquet.thrift <c>ColumnIndex</c>); entry <c>i</c> describes the page at
/// <see cref="OffsetIndex.PageLocations"/>[i]. A page of nulls only has <see cref="NullPages"/>[i] set and empty min/max.
/// </summary>
internal sealed class ColumnIndex
{
    public List<bool> NullPages { get; set; } = [];

    /// <summary>Lower bounds, PLAIN-encoded like statistics (may be truncated, still a valid lower bound).</summary>
    public List<byte[]> MinValues { get; set; } = [];

    /// <summary>Upper bounds, PLAIN-encoded like statistics (may be shortened, still a valid upper bound).</summary>
    public List<byte[]> MaxValues { get; set; } = [];

    public BoundaryOrder BoundaryOrder { get; set; }

    public List<long>? NullCounts { get; set; }

    public static ColumnIndex Read(ref CompactReader r)
    {
        var index = new ColumnIndex();
        var fields = 0;
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.List:
                    {
                        var n = r.ReadListHeader(out var et);
                        if (n > 0 && et is not (CompactType.BooleanTrue or CompactType.BooleanFalse)) throw r.Error("null_pages is not a list of booleans");
                        for (var i = 0; i < n; i++) index.NullPages.Add(r.ReadListBool());
                        fields |= 1;
                        break;
                    }
                case 2 when type == CompactType.List: index.MinValues = ReadBinaryList(ref r, "min_values"); fields |= 2; break;
                case 3 when type == CompactType.List: index.MaxValues = ReadBinaryList(ref r, "max_values"); fields |= 4; break;
                case 4 when type == CompactType.I32: index.BoundaryOrder = (BoundaryOrder)r.ReadI32(); fields |= 8; break;
                case 5 when type == CompactType.List: index.NullCounts = ReadI64List(ref r, "null_counts"); break;
                default: r.Skip(type); break;
            }
        }
        r.ExitStruct();
        if (fields != 15) throw r.Error("column index without null_pages, min_values, max_values or boundary_order");
        var pages = index.NullPages.Count;
        if (index.MinValues.Count != pages || index.MaxValues.Count != pages || (index.NullCounts is { } nc && nc.Count != pages))
        {
            throw r.Error($"column index lists of different lengths ({pages} null_pages, {index.MinValues.Count} min_values, {index.MaxValues.Count} max_values)");
        }
        return index;
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.BeginListField(1, CompactType.BooleanTrue, NullPages.Count);
        foreach (var p in NullPages) w.WriteByte(p ? (byte)CompactType.BooleanTrue : (byte)CompactType.BooleanFalse);
        w.BeginListField(2, CompactType.Binary, MinValues.Count);
        foreach (var v in MinValues) w.WriteBinary(v);
        w.BeginListField(3, CompactType.Binary, MaxValues.Count);
        foreach (var v in MaxValues) w.WriteBinary(v);
        w.WriteI32Field(4, (int)BoundaryOrder);
        if (NullCounts is { } counts)
        {
            w.BeginListField(5, CompactType.I64, counts.Count);
            foreach (var c in counts) w.WriteI64(c);
        }
        w.EndStruct();
    }

    private static List<byte[]> ReadBinaryList(ref CompactReader r, string name)
    {
        var n = r.ReadListHeader(out var et);
        if (n > 0 && et != CompactType.Binary) throw r.Error($"{name} is not a list of binary values");
        var list = new List<byte[]>(n);
        for (var i = 0; i < n; i++) list.Add(r.ReadBinary().ToArray());
        return list;
    }

    internal static List<long> ReadI64List(ref CompactReader r, string name)
    {
        var n = r.ReadListHeader(out var et);
        if (n > 0 && et != CompactType.I64) throw r.Error($"{name} is not a list of i64");
        var list = new List<long>(n);
        for (var i = 0; i < n; i++) list.Add(r.ReadI64());
        return list;
    }
}
