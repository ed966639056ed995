using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Formats.Parquet.Metadata;

/// <summary>Header of a version 1 data page.</summary>
internal sealed class DataPageHeader
{
    public int NumValues { get; set; }

    public ParquetEncoding Encoding { get; set; }

    public ParquetEncoding DefinitionLevelEncoding { get; set; } = ParquetEncoding.Rle;

    public ParquetEncoding RepetitionLevelEncoding { get; set; } = ParquetEncoding.Rle;

    public Statistics? Statistics { get; set; }

    public static DataPageHeader Read(ref CompactReader r)
    {
        var h = new DataPageHeader();
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: h.NumValues = r.ReadI32(); break;
                case 2 when type == CompactType.I32: h.Encoding = (ParquetEncoding)r.ReadI32(); break;
                case 3 when type == CompactType.I32: h.DefinitionLevelEncoding = (ParquetEncoding)r.ReadI32(); break;
                case 4 when type == CompactType.I32: h.RepetitionLevelEncoding = (ParquetEncoding)r.ReadI32(); break;
                case 5 when type == CompactType.Struct: h.Statistics = Statistics.Read(ref r); break;
                default: r.Skip(type); break;
            }
        }
        r.ExitStruct();
        return h;
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.WriteI32Field(1, NumValues);
        w.WriteI32Field(2, (int)Encoding);
        w.WriteI32Field(3, (int)DefinitionLevelEncoding);
        w.WriteI32Field(4, (int)RepetitionLevelEncoding);
        if (Statistics is { } s)
        {
            w.WriteFieldHeader(5, CompactType.Struct);
            s.Write(w);
        }
        w.EndStruct();
    }
}
