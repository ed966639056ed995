using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Formats.Parquet.Metadata;

/// <summary>Header of the dictionary page of a column chunk.</summary>
internal sealed class DictionaryPageHeader
{
    public int NumValues { get; set; }

    public ParquetEncoding Encoding { get; set; }

    public bool IsSorted { get; set; }

    public static DictionaryPageHeader Read(ref CompactReader r)
    {
        var h = new DictionaryPageHeader();
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: h.NumValues = r.ReadI32(); break;
                case 2 when type == CompactType.I32: h.Encoding = (ParquetEncoding)r.ReadI32(); break;
                case 3 when type is CompactType.BooleanTrue or CompactType.BooleanFalse: h.IsSorted = r.ReadFieldBool(); break;
                default: r.Skip(type); break;
            }
        }
        r.ExitStruct();
        if (h.NumValues < 0) throw r.Error("negative dictionary size");
        return h;
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.WriteI32Field(1, NumValues);
        w.WriteI32Field(2, (int)Encoding);
        w.WriteBoolField(3, IsSorted);
        w.EndStruct();
    }
}
