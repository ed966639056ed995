using System.Buffers.Binary;
using QueryEngine.Engine.Formats.Parquet.Encodings;
using QueryEngine.Engine.Formats.Parquet.Metadata;
using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>
/// Builds small Parquet files by hand (one row group, one uncompressed v1 data page per leaf) for shapes DuckDB does
/// not write: INT96, DECIMAL on BYTE_ARRAY, FLOAT16, JSON, legacy converted types, 2-level lists.
/// </summary>
internal sealed class HandMadeFile
{
    private readonly List<SchemaElement> _schema = [];
    private readonly List<(byte[] Page, int Entries, PhysicalType Type, string Name)> _chunks = [];
    private int _topLevel;

    public int Rows { get; set; }

    /// <summary>Adds a top-level element (a leaf, or a group followed by its children through <see cref="Child"/>).</summary>
    public HandMadeFile Top(SchemaElement element)
    {
        _topLevel++;
        _schema.Add(element);
        return this;
    }

    public HandMadeFile Child(SchemaElement element)
    {
        _schema.Add(element);
        return this;
    }

    /// <summary>The page of the next leaf: optional repetition and definition levels and PLAIN values.</summary>
    public HandMadeFile Data(PhysicalType type, string name, int entries, byte[] plainValues, int[]? definitions = null, int defWidth = 1, int[]? repetitions = null, int repWidth = 1)
    {
        var page = new List<byte>();
        if (repetitions is not null) AddLevels(page, repetitions, repWidth);
        if (definitions is not null) AddLevels(page, definitions, defWidth);
        page.AddRange(plainValues);
        _chunks.Add((page.ToArray(), entries, type, name));
        return this;
    }

    private static void AddLevels(List<byte> page, int[] levels, int width)
    {
        var encoded = new List<byte>();
        RleHybridEncoder.Encode(levels, width, encoded);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, encoded.Count);
        page.AddRange(length);
        page.AddRange(encoded);
    }

    public byte[] Build()
    {
        var file = new List<byte>("PAR1"u8.ToArray());
        var group = new RowGroup { NumRows = Rows };
        foreach (var (page, entries, type, name) in _chunks)
        {
            var header = new PageHeader
            {
                Type = PageType.DataPage,
                UncompressedPageSize = page.Length,
                CompressedPageSize = page.Length,
                DataPageHeader = new DataPageHeader { NumValues = entries, Encoding = ParquetEncoding.Plain },
            };
            var w = new CompactWriter();
            header.Write(w);
            var offset = file.Count;
            file.AddRange(w.WrittenSpan.ToArray());
            file.AddRange(page);
            group.Columns.Add(new ColumnChunk
            {
                FileOffset = offset,
                MetaData = new ColumnMetaData
                {
                    Type = type,
                    Encodings = [ParquetEncoding.Plain, ParquetEncoding.Rle],
                    PathInSchema = [name],
                    Codec = CompressionCodec.Uncompressed,
                    NumValues = entries,
                    TotalUncompressedSize = w.Length + page.Length,
                    TotalCompressedSize = w.Length + page.Length,
                    DataPageOffset = offset,
                },
            });
        }
        var meta = new FileMetaData
        {
            Schema = [new SchemaElement { Name = "schema", NumChildren = _topLevel }, .. _schema],
            NumRows = Rows,
            RowGroups = [group],
        };
        var fw = new CompactWriter();
        meta.Write(fw);
        file.AddRange(fw.WrittenSpan.ToArray());
        var length = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, fw.Length);
        file.AddRange(length);
        file.AddRange("PAR1"u8.ToArray());
        return file.ToArray();
    }
}
