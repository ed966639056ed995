using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Formats.Parquet.Metadata;

/// <summary>One column of one row group.</summary>
internal sealed class ColumnChunk
{
    public string? FilePath { get; set; }

    public long FileOffset { get; set; }

    public ColumnMetaData? MetaData { get; set; }

    public static ColumnChunk Read(ref CompactReader r)
    {
        var c = new ColumnChunk();
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.Binary: c.FilePath = r.ReadString(); break;
                case 2 when type == CompactType.I64: c.FileOffset = r.ReadI64(); break;
                case 3 when type == CompactType.Struct: c.MetaData = ColumnMetaData.Read(ref r); break;
                default: r.Skip(type); break;
            }
        }
        r.ExitStruct();
        return c;
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        if (FilePath is not null) w.WriteStringField(1, FilePath);
        w.WriteI64Field(2, FileOffset);
        if (MetaData is not null)
        {
            w.WriteFieldHeader(3, CompactType.Struct);
            MetaData.Write(w);
        }
        w.EndStruct();
    }
}
