using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Formats.Parquet.Metadata;

/// <summary>
/// Where one data page of a column chunk is (parquet.thrift <c>PageLocation</c>): the file offset of its page header,
/// its size including the header, and the index of its first row within the row group.
/// </summary>
internal sealed record PageLocation(long Offset, int CompressedPageSize, long FirstRowIndex)
{
    public static PageLocation Read(ref CompactReader r)
    {
        long? offset = null, first = null;
        int? size = null;
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I64: offset = r.ReadI64(); break;
                case 2 when type == CompactType.I32: size = r.ReadI32(); break;
                case 3 when type == CompactType.I64: first = r.ReadI64(); break;
                default: r.Skip(type); break;
            }
        }
        r.ExitStruct();
        if (offset is null || size is null || first is null) throw r.Error("page location without offset, compressed_page_size or first_row_index");
        return new PageLocation(offset.Value, size.Value, first.Value);
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.WriteI64Field(1, Offset);
        w.WriteI32Field(2, CompressedPageSize);
        w.WriteI64Field(3, FirstRowIndex);
        w.EndStruct();
    }
}
