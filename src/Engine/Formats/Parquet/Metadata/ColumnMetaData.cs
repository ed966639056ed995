using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Formats.Parquet.Metadata;

/// <summary>Where a column chunk's pages are and how they are encoded.</summary>
internal sealed class ColumnMetaData
{
    public PhysicalType Type { get; set; }

    public List<ParquetEncoding> Encodings { get; set; } = [];

    public List<string> PathInSchema { get; set; } = [];

    public CompressionCodec Codec { get; set; }

    public long NumValues { get; set; }

    public long TotalUncompressedSize { get; set; }

    public long TotalCompressedSize { get; set; }

    public List<KeyValue>? KeyValueMetadata { get; set; }

    public long DataPageOffset { get; set; }

    public long? IndexPageOffset { get; set; }

    public long? DictionaryPageOffset { get; set; }

    public Statistics? Statistics { get; set; }

    /// <summary>Where the column chunk's bloom filter (header and bitset) starts, when it has one.</summary>
    public long? BloomFilterOffset { get; set; }

    /// <summary>The bloom filter's size in bytes (header and bitset), when the writer recorded it.</summary>
    public int? BloomFilterLength { get; set; }

    public static ColumnMetaData Read(ref CompactReader r)
    {
        var m = new ColumnMetaData();
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: m.Type = (PhysicalType)r.ReadI32(); break;
                case 2 when type == CompactType.List:
                    {
                        var n = r.ReadListHeader(out var et);
                        for (var i = 0; i < n; i++)
                        {
                            if (et != CompactType.I32) r.Skip(et, true);
                            else m.Encodings.Add((ParquetEncoding)r.ReadI32());
                        }
                        break;
                    }
                case 3 when type == CompactType.List:
                    {
                        var n = r.ReadListHeader(out var et);
                        for (var i = 0; i < n; i++)
                        {
                            if (et != CompactType.Binary) throw r.Error("path_in_schema is not a list of strings");
                            m.PathInSchema.Add(r.ReadString());
                        }
                        break;
                    }
                case 4 when type == CompactType.I32: m.Codec = (CompressionCodec)r.ReadI32(); break;
                case 5 when type == CompactType.I64: m.NumValues = r.ReadI64(); break;
                case 6 when type == CompactType.I64: m.TotalUncompressedSize = r.ReadI64(); break;
                case 7 when type == CompactType.I64: m.TotalCompressedSize = r.ReadI64(); break;
                case 8 when type == CompactType.List: m.KeyValueMetadata = KeyValue.ReadList(ref r); break;
                case 9 when type == CompactType.I64: m.DataPageOffset = r.ReadI64(); break;
                case 10 when type == CompactType.I64: m.IndexPageOffset = r.ReadI64(); break;
                case 11 when type == CompactType.I64: m.DictionaryPageOffset = r.ReadI64(); break;
                case 12 when type == CompactType.Struct: m.Statistics = Statistics.Read(ref r); break;
                case 14 when type == CompactType.I64: m.BloomFilterOffset = r.ReadI64(); break;
                case 15 when type == CompactType.I32: m.BloomFilterLength = r.ReadI32(); break;
                default: r.Skip(type); break;
            }
        }
        r.ExitStruct();
        return m;
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.WriteI32Field(1, (int)Type);
        w.BeginListField(2, CompactType.I32, Encodings.Count);
        foreach (var e in Encodings) w.WriteI32((int)e);
        w.BeginListField(3, CompactType.Binary, PathInSchema.Count);
        foreach (var p in PathInSchema) w.WriteString(p);
        w.WriteI32Field(4, (int)Codec);
        w.WriteI64Field(5, NumValues);
        w.WriteI64Field(6, TotalUncompressedSize);
        w.WriteI64Field(7, TotalCompressedSize);
        if (KeyValueMetadata is { Count: > 0 } kv)
        {
            w.BeginListField(8, CompactType.Struct, kv.Count);
            foreach (var e in kv) e.Write(w);
        }
        w.WriteI64Field(9, DataPageOffset);
        if (IndexPageOffset is { } ipo) w.WriteI64Field(10, ipo);
        if (DictionaryPageOffset is { } dpo) w.WriteI64Field(11, dpo);
        if (Statistics is { } s)
        {
            w.WriteFieldHeader(12, CompactType.Struct);
            s.Write(w);
        }
        if (BloomFilterOffset is { } bfo) w.WriteI64Field(14, bfo);
        if (BloomFilterLength is { } bfl) w.WriteI32Field(15, bfl);
        w.EndStruct();
    }
}
