using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Formats.Parquet.Metadata;

/// <summary>One column of one row group.</summary>
internal sealed class ColumnChunk
{
    public string? FilePath { get; set; }

    public long FileOffset { get; set; }

    public ColumnMetaData? MetaData { get; set; }

    /// <summary>Where the chunk's <see cref="OffsetIndex"/> starts (field 4), when the file has a page index.</summary>
    public long? OffsetIndexOffset { get; set; }

    public int? OffsetIndexLength { get; set; }

    /// <summary>Where the chunk's <see cref="ColumnIndex"/> starts (field 6), when the writer made one.</summary>
    public long? ColumnIndexOffset { get; set; }

    public int? ColumnIndexLength { get; set; }

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
                case 4 when type == CompactType.I64: c.OffsetIndexOffset = r.ReadI64(); break;
                case 5 when type == CompactType.I32: c.OffsetIndexLength = r.ReadI32(); break;
                case 6 when type == CompactType.I64: c.ColumnIndexOffset = r.ReadI64(); break;
                case 7 when type == CompactType.I32: c.ColumnIndexLength = r.ReadI32(); break;
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
        if (OffsetIndexOffset is { } oio) w.WriteI64Field(4, oio);
        if (OffsetIndexLength is { } oil) w.WriteI32Field(5, oil);
        if (ColumnIndexOffset is { } cio) w.WriteI64Field(6, cio);
        if (ColumnIndexLength is { } cil) w.WriteI32Field(7, cil);
        w.EndStruct();
    }
}
