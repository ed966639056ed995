using System.Buffers.Binary;
using System.Text;
using Xunit;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Formats.Parquet.Encodings;
using QueryEngine.Engine.Formats.Parquet.Metadata;
using QueryEngine.Engine.Formats.Parquet.Reading;
using QueryEngine.Engine.Formats.Parquet.Writing;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>
/// String column chunks whose pages are all dictionary-encoded come back as <see cref="DictionaryArray"/>s when the
/// scan asks for them (<see cref="ScanRequest.DictionaryColumns"/>), with the values a flat read gives; otherwise, and
/// for chunks with a PLAIN page, as flat <see cref="BinaryArray"/>s.
/// </summary>
public sealed class ParquetDictionaryReadTests
{
    [Fact]
    public void DuckDbDictionaryColumnReadsEncodedOnlyWhenAsked()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "modes.parquet");
        var answers = DuckDbReader.Query([
            $"COPY (SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE ['AIR', 'MAIL', 'SHIP', 'RAIL', 'TRUCK'][1 + i % 5] END AS mode FROM range(20000) t(i)) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 8000)",
            $"SELECT count(*) FROM '{path}' WHERE mode IN ('MAIL', 'SHIP')",
            $"SELECT count(*) FROM '{path}' WHERE mode IS NULL",
        ]);
        var (encoded, encodedRows) = Read(path, [0, 1], dictionaryColumns: [1]);
        var (flat, flatRows) = Read(path, [0, 1], dictionaryColumns: null);
        Assert.NotEmpty(encoded);
        Assert.All(encoded, array => Assert.IsType<DictionaryArray>(array));
        Assert.All(flat, array => Assert.IsType<BinaryArray>(array));
        Assert.Equal(flatRows, encodedRows);
        Assert.Equal(20000, encodedRows.Count);
        Assert.Equal(long.Parse(answers[1]), encodedRows.Count(r => r.Mode is "MAIL" or "SHIP"));
        Assert.Equal(long.Parse(answers[2]), encodedRows.Count(r => r.Mode is null));
        // Row groups share nothing, batches of one chunk share its dictionary.
        var dictionaries = encoded.Cast<DictionaryArray>().Select(a => a.Dictionary).Distinct().Count();
        Assert.InRange(dictionaries, 3, encoded.Count - 1);
    }

    [Fact]
    public void PlainChunksReadFlatEvenWhenAsked()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "plain.parquet");
        var schema = new Schema([new Field("s", DataType.Utf8)]);
        var values = Enumerable.Range(0, 3000).Select(i => i % 11 == 0 ? null : $"v{i % 13}").ToArray();
        using (var stream = File.Create(path))
        {
            var writer = new ParquetWriter(stream, schema, new ParquetWriterOptions { DictionaryMaxBytes = 0, RowGroupRows = 1000 });
            writer.Write(new RecordBatch(schema, [Utf8(values)], values.Length));
            writer.Finish();
        }
        var (arrays, rows) = Read(path, [0], dictionaryColumns: [0]);
        Assert.All(arrays, array => Assert.IsType<BinaryArray>(array));
        Assert.Equal(values, rows.Select(r => r.Mode));
    }

    [Fact]
    public void OurDictionaryChunksReadEncodedWithNullsAndTheSameValues()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "dict.parquet");
        var schema = new Schema([new Field("s", DataType.Utf8)]);
        var values = Enumerable.Range(0, 3000).Select(i => i % 11 == 0 ? null : $"é{i % 13}").ToArray();
        using (var stream = File.Create(path))
        {
            var writer = new ParquetWriter(stream, schema, new ParquetWriterOptions { RowGroupRows = 1000, PageRows = 300 });
            writer.Write(new RecordBatch(schema, [Utf8(values)], values.Length));
            writer.Finish();
        }
        var (arrays, rows) = Read(path, [0], dictionaryColumns: [0]);
        Assert.All(arrays, array => Assert.IsType<DictionaryArray>(array));
        Assert.Equal(values, rows.Select(r => r.Mode));
    }

    /// <summary>A chunk whose dictionary overflowed: dictionary pages, then a PLAIN page. It decodes flat, in order.</summary>
    [Fact]
    public void ChunkFallingBackToPlainDecodesFlat()
    {
        var dictionary = PlainStrings("AIR", "MAIL");
        var indices = new List<byte> { 1 };
        RleHybridEncoder.Encode([1, 0, 1], 1, indices);
        var chunk = new List<byte>();
        AddPage(chunk, new PageHeader
        {
            Type = PageType.DictionaryPage,
            DictionaryPageHeader = new DictionaryPageHeader { NumValues = 2, Encoding = ParquetEncoding.Plain },
        }, dictionary);
        AddPage(chunk, DataPage(3, ParquetEncoding.RleDictionary), [.. indices]);
        AddPage(chunk, DataPage(2, ParquetEncoding.Plain), PlainStrings("SHIP", "AIR"));
        var meta = new ColumnMetaData
        {
            Type = PhysicalType.ByteArray,
            Encodings = [ParquetEncoding.Plain, ParquetEncoding.RleDictionary],
            PathInSchema = ["s"],
            Codec = CompressionCodec.Uncompressed,
            NumValues = 5,
            TotalUncompressedSize = chunk.Count,
            TotalCompressedSize = chunk.Count,
        };
        var leaf = new ParquetLeaf(0, "s", new SchemaElement { Name = "s" }, PhysicalType.ByteArray, 0, 0, 0, DataType.Utf8, ValueKind.Utf8, null);

        var mixed = ColumnChunkDecoder.Decode(chunk.ToArray(), 0, meta, leaf, 5, "test", CancellationToken.None, keepDictionary: true);
        Assert.Null(mixed.Encoded);
        var array = Assert.IsType<BinaryArray>(new ColumnAssembler(mixed, leaf, "test").Next(5));
        Assert.Equal(["MAIL", "AIR", "MAIL", "SHIP", "AIR"], Enumerable.Range(0, 5).Select(array.GetString));
        mixed.Release();

        // The same chunk without its PLAIN page stays encoded.
        var dictionaryOnly = chunk.Take(chunk.Count - PageBytes(DataPage(2, ParquetEncoding.Plain), PlainStrings("SHIP", "AIR"))).ToArray();
        var encodedMeta = new ColumnMetaData
        {
            Type = meta.Type,
            Encodings = meta.Encodings,
            PathInSchema = meta.PathInSchema,
            Codec = meta.Codec,
            NumValues = 3,
            TotalUncompressedSize = dictionaryOnly.Length,
            TotalCompressedSize = dictionaryOnly.Length,
        };
        var kept = ColumnChunkDecoder.Decode(dictionaryOnly, 0, encodedMeta, leaf, 3, "test", CancellationToken.None, keepDictionary: true);
        Assert.NotNull(kept.Encoded);
        var encoded = Assert.IsType<DictionaryArray>(new ColumnAssembler(kept, leaf, "test").Next(3));
        Assert.Equal(["MAIL", "AIR", "MAIL"], Enumerable.Range(0, 3).Select(i => (string?)encoded.GetValue(i)));
        kept.Release();
    }

    private static PageHeader DataPage(int values, ParquetEncoding encoding) => new()
    {
        Type = PageType.DataPage,
        DataPageHeader = new DataPageHeader { NumValues = values, Encoding = encoding },
    };

    private static int PageBytes(PageHeader header, byte[] body)
    {
        var chunk = new List<byte>();
        AddPage(chunk, header, body);
        return chunk.Count;
    }

    private static void AddPage(List<byte> chunk, PageHeader header, byte[] body)
    {
        header.UncompressedPageSize = body.Length;
        header.CompressedPageSize = body.Length;
        var w = new CompactWriter();
        header.Write(w);
        chunk.AddRange(w.WrittenSpan.ToArray());
        chunk.AddRange(body);
    }

    private static byte[] PlainStrings(params string[] values)
    {
        var bytes = new List<byte>();
        foreach (var value in values)
        {
            var text = Encoding.UTF8.GetBytes(value);
            var length = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(length, text.Length);
            bytes.AddRange(length);
            bytes.AddRange(text);
        }
        return [.. bytes];
    }

    internal static BinaryArray Utf8(IReadOnlyList<string?> values)
    {
        var builder = new BinaryBuilder(DataType.Utf8, values.Count, 16);
        foreach (var value in values)
        {
            if (value is null) builder.AppendNull();
            else builder.Append(Encoding.UTF8.GetBytes(value));
        }
        return (BinaryArray)builder.Build();
    }

    /// <summary>Every batch's last projected column, and the rows as (first column rendered, last column's string).</summary>
    private static (List<ArrowArray> Arrays, List<(string First, string? Mode)> Rows) Read(string path, int[] projection, HashSet<int>? dictionaryColumns)
    {
        var source = new FileTableSourceFactory(new LocalObjectStore()).CreateForFunction("read_parquet", [path])!;
        var arrays = new List<ArrowArray>();
        var rows = new List<(string, string?)>();
        var context = new ScanContext(CancellationToken.None);
        foreach (var task in source.PlanScan(new ScanRequest(projection, [], 1000) { DictionaryColumns = dictionaryColumns }))
        {
            foreach (var batch in task.Execute(context))
            {
                var strings = batch.Column(projection.Length - 1);
                arrays.Add(strings);
                var flat = DictionaryArray.Flat(batch);
                for (var r = 0; r < batch.RowCount; r++) rows.Add((CanonicalRendering.Row(flat, r), (string?)strings.GetValue(r)));
            }
        }
        return (arrays, rows);
    }
}
