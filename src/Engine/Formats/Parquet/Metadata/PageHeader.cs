using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Formats.Parquet.Metadata;

/// <summary>The header before every page; exactly one of the per-kind headers is set.</summary>
internal sealed class PageHeader
{
    public PageType Type { get; set; }

    public int UncompressedPageSize { get; set; }

    public int CompressedPageSize { get; set; }

    public int? Crc { get; set; }

    public DataPageHeader? DataPageHeader { get; set; }

    public DictionaryPageHeader? DictionaryPageHeader { get; set; }

    public DataPageHeaderV2? DataPageHeaderV2 { get; set; }

    public static PageHeader Read(ref CompactReader r)
    {
        var h = new PageHeader();
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: h.Type = (PageType)r.ReadI32(); break;
                case 2 when type == CompactType.I32: h.UncompressedPageSize = r.ReadI32(); break;
                case 3 when type == CompactType.I32: h.CompressedPageSize = r.ReadI32(); break;
                case 4 when type == CompactType.I32: h.Crc = r.ReadI32(); break;
                case 5 when type == CompactType.Struct: h.DataPageHeader = DataPageHeader.Read(ref r); break;
                case 7 when type == CompactType.Struct: h.DictionaryPageHeader = DictionaryPageHeader.Read(ref r); break;
                case 8 when type == CompactType.Struct: h.DataPageHeaderV2 = DataPageHeaderV2.Read(ref r); break;
                default: r.Skip(type); break;
            }
        }
        r.ExitStruct();
        if (h.CompressedPageSize < 0 || h.UncompressedPageSize < 0) throw r.Error("negative page size");
        return h;
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.WriteI32Field(1, (int)Type);
        w.WriteI32Field(2, UncompressedPageSize);
        w.WriteI32Field(3, CompressedPageSize);
        if (Crc is { } crc) w.WriteI32Field(4, crc);
        if (DataPageHeader is { } d)
        {
            w.WriteFieldHeader(5, CompactType.Struct);
            d.Write(w);
        }
        if (DictionaryPageHeader is { } dict)
        {
            w.WriteFieldHeader(7, CompactType.Struct);
            dict.Write(w);
        }
        if (DataPageHeaderV2 is { } v2)
        {
            w.WriteFieldHeader(8, CompactType.Struct);
            v2.Write(w);
        }
        w.EndStruct();
    }
}
