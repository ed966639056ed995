using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Formats.Parquet.Metadata;

/// <summary>Header of a version 2 data page (levels stored uncompressed before the values).</summary>
internal sealed class DataPageHeaderV2
{
    public int NumValues { get; set; }

    public int NumNulls { get; set; }

    public int NumRows { get; set; }

    public ParquetEncoding Encoding { get; set; }

    public int DefinitionLevelsByteLength { get; set; }

    public int RepetitionLevelsByteLength { get; set; }

    public bool IsCompressed { get; set; } = true;

    public static DataPageHeaderV2 Read(ref CompactReader r)
    {
        var h = new DataPageHeaderV2();
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: h.NumValues = r.ReadI32(); break;
                case 2 when type == CompactType.I32: h.NumNulls = r.ReadI32(); break;
                case 3 when type == CompactType.I32: h.NumRows = r.ReadI32(); break;
                case 4 when type == CompactType.I32: h.Encoding = (ParquetEncoding)r.ReadI32(); break;
                case 5 when type == CompactType.I32: h.DefinitionLevelsByteLength = r.ReadI32(); break;
                case 6 when type == CompactType.I32: h.RepetitionLevelsByteLength = r.ReadI32(); break;
                case 7 when type is CompactType.BooleanTrue or CompactType.BooleanFalse: h.IsCompressed = r.ReadFieldBool(); break;
                default: r.Skip(type); break;
            }
        }
        r.ExitStruct();
        if (h.DefinitionLevelsByteLength < 0 || h.RepetitionLevelsByteLength < 0 || h.NumValues < 0 || h.NumNulls < 0) throw r.Error("negative size in a data page v2 header");
        return h;
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.WriteI32Field(1, NumValues);
        w.WriteI32Field(2, NumNulls);
        w.WriteI32Field(3, NumRows);
        w.WriteI32Field(4, (int)Encoding);
        w.WriteI32Field(5, DefinitionLevelsByteLength);
        w.WriteI32Field(6, RepetitionLevelsByteLength);
        w.WriteBoolField(7, IsCompressed);
        w.EndStruct();
    }
}
