using System.Buffers.Binary;
using Xunit;
using QueryEngine.Engine.Formats.Parquet.Metadata;
using QueryEngine.Engine.Formats.Parquet.Reading;
using QueryEngine.Engine.Formats.Parquet.Writing;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>
/// Nested columns our writer makes (lists, maps and structs nested in each other, NULL at every level, empty lists
/// and maps, lists of hundreds of elements) from DuckDB's nested corpus files: our reader, DuckDB and arrow-rs (npm
/// parquet-wasm) read the copies
/// back to DuckDB's rows of the originals, with small pages, several row groups, dictionary on and off and every codec;
/// the schema uses the standard 3-level LIST and MAP layouts; every page starts at a row and its page index bounds and
/// null counts agree with what DuckDB computes over that page's rows.
/// </summary>
public sealed class ParquetNestedWriterTests(ParquetCorpus corpus) : IClassFixture<ParquetCorpus>
{
    private static readonly string[] Sources = ["nested_n0", "nested_n50", "nested_n50_v2", "nested_deep"];

    private static readonly ParquetWriterOptions[] Variants =
    [
        new(),
        new() { Codec = CompressionCodec.Zstd, RowGroupRows = 700, PageRows = 40, DictionaryMaxBytes = 0 },
        new() { Codec = CompressionCodec.Gzip, RowGroupRows = 1000, PageRows = 3, PageBytes = 64 },
        new() { Codec = CompressionCodec.Lz4Raw, RowGroupRows = 250, PageRows = 1 },
        new() { Codec = CompressionCodec.Uncompressed, RowGroupRows = 1500, PageRows = 300, PageBytes = 512, BloomFilterFpp = 0, WritePageIndex = false },
    ];

    [Fact]
    public void OurReaderAndDuckDbReadBackNestedColumnsWeWrite()
    {
        var written = new List<(string Path, string Source)>();
        foreach (var source in Sources)
        {
            for (var v = 0; v < Variants.Length; v++)
            {
                var path = Path.Combine(corpus.Folder, $"written-{source}-{v}.parquet");
                ParquetWriterTests.WriteCopy(corpus.PathOf(source), path, Variants[v]);
                written.Add((path, source));
            }
        }
        foreach (var (path, source) in written)
        {
            var expected = corpus.Expected(source);
            var ours = ParquetInteropTests.ReadAll(path);
            Assert.Equal(expected.Length, ours.Count);
            for (var i = 0; i < expected.Length; i++)
            {
                if (expected[i] != ours[i]) Assert.Fail($"{path} row {i} (our reader):\n  expected: {expected[i]}\n  read:     {ours[i]}");
            }
        }
        var paths = written.Select(w => w.Path).ToList();
        foreach (var (reader, listing) in new[] { ("DuckDB", DuckDbReader.Read(paths)), ("arrow-rs", DuckDbReader.ReadWithArrowRs(paths)) })
        {
            foreach (var (path, source) in written)
            {
                var expected = corpus.Expected(source);
                var rows = listing[path];
                Assert.Equal(expected.Length, rows.Count);
                for (var i = 0; i < expected.Length; i++)
                {
                    if (expected[i] != rows[i]) Assert.Fail($"{path} row {i} ({reader}):\n  expected: {expected[i]}\n  read:     {rows[i]}");
                }
            }
        }
    }

    [Fact]
    public void SchemaUsesTheStandardListAndMapLayouts()
    {
        var path = Path.Combine(corpus.Folder, "written-layout.parquet");
        ParquetWriterTests.WriteCopy(corpus.PathOf("nested_deep"), path, new ParquetWriterOptions());
        var answers = DuckDbReader.Query([
            $"SELECT string_agg(name || ':' || coalesce(repetition_type, '-') || ':' || coalesce(converted_type, '-') || ':' || coalesce(num_children, 0), ',') FROM parquet_schema('{path}') WHERE name <> 'schema'",
            $"SELECT string_agg(path_in_schema || '/' || num_values, ',' ORDER BY column_id) FROM parquet_metadata('{path}')",
        ]);
        Assert.Equal(
            "id:OPTIONAL:-:0,big:OPTIONAL:LIST:1,list:REPEATED:-:1,element:OPTIONAL:-:0,"
            + "mnest:OPTIONAL:MAP:1,key_value:REPEATED:-:2,key:REQUIRED:UTF8:0,value:OPTIONAL:LIST:1,list:REPEATED:-:1,element:OPTIONAL:-:0,"
            + "deep:OPTIONAL:LIST:1,list:REPEATED:-:1,element:OPTIONAL:-:2,p:OPTIONAL:LIST:1,list:REPEATED:-:1,element:OPTIONAL:MAP:1,key_value:REPEATED:-:2,"
            + "key:REQUIRED:UTF8:0,value:OPTIONAL:LIST:1,list:REPEATED:-:1,element:OPTIONAL:LIST:1,list:REPEATED:-:1,element:OPTIONAL:-:0,"
            + "q:OPTIONAL:-:1,r:OPTIONAL:-:0,"
            + "mstruct:OPTIONAL:MAP:1,key_value:REPEATED:-:2,key:REQUIRED:-:0,value:OPTIONAL:-:2,s:OPTIONAL:UTF8:0,t:OPTIONAL:-:0",
            answers[0]);
        // num_values counts level entries: a NULL or empty list is one entry, a list of n elements n entries.
        var levels = DuckDbReader.Query([$"SELECT sum(CASE WHEN big IS NULL OR len(big) = 0 THEN 1 ELSE len(big) END) FROM read_parquet('{corpus.PathOf("nested_deep")}')"])[0];
        Assert.StartsWith("id/400,big, list, element/" + levels + ",", answers[1]);
    }

    [Fact]
    public void EveryPageOfANestedColumnStartsAtARowAndItsBoundsAgreeWithDuckDb()
    {
        var path = Path.Combine(corpus.Folder, "written-nested-pages.parquet");
        ParquetWriterTests.WriteCopy(corpus.PathOf("nested_deep"), path, new ParquetWriterOptions { PageRows = 20 });
        var info = ParquetFooter.Read(new LocalObjectStore(), path, new FileInfo(path).Length);
        Assert.Single(info.Metadata.RowGroups);
        // Per row, the leaf's entries without a value (a NULL or empty list or map) and the values' bounds.
        var leaves = new[]
        {
            ("big.list.element", "CASE WHEN big IS NULL OR len(big) = 0 THEN 1 ELSE 0 END", "list_min(big)", "list_max(big)"),
            ("mnest.key_value.key", "CASE WHEN mnest IS NULL OR cardinality(mnest) = 0 THEN 1 ELSE 0 END", "list_min(map_keys(mnest))", "list_max(map_keys(mnest))"),
        };
        foreach (var (name, nulls, min, max) in leaves)
        {
            var leaf = info.Schema.Leaves.Single(l => l.Path == name);
            var index = PageIndexReader.Read(new LocalObjectStore(), info, 0, leaf)!;
            Assert.True(index.PageCount >= 20, $"{name}: only {index.PageCount} pages");
            Assert.Equal(0, index.FirstRow(0));
            Assert.Equal(400, index.EndRow(index.PageCount - 1));
            var pages = string.Join(",", Enumerable.Range(0, index.PageCount).Select(p => $"({p}, {index.FirstRow(p)}, {index.EndRow(p)})"));
            var expected = DuckDbReader.Query([
                $"SELECT string_agg(coalesce(lo, '-') || '..' || coalesce(hi, '-') || '/' || nulls, ';' ORDER BY k) FROM (SELECT k, min({min})::varchar AS lo, max({max})::varchar AS hi, sum({nulls}) AS nulls FROM read_parquet('{path}', file_row_number = true) r JOIN (VALUES {pages}) p(k, f, e) ON r.file_row_number >= f AND r.file_row_number < e GROUP BY k)",
            ])[0].Split(';');
            Assert.Equal(index.PageCount, expected.Length);
            var columns = index.Columns!;
            for (var p = 0; p < index.PageCount; p++)
            {
                var parts = expected[p].Split('/');
                Assert.True(long.Parse(parts[1]) == columns.NullCounts![p], $"{name} page {p}: null count {columns.NullCounts![p]}, DuckDB {parts[1]}");
                var bounds = parts[0].Split("..");
                Assert.Equal(bounds[0] == "-", columns.NullPages[p]);
                if (columns.NullPages[p]) continue;
                Assert.Equal(bounds[0], Render(leaf, columns.MinValues[p]));
                Assert.Equal(bounds[1], Render(leaf, columns.MaxValues[p]));
            }
        }
    }

    private static string Render(ParquetLeaf leaf, byte[] bound) =>
        leaf.Physical == PhysicalType.Int64 ? BinaryPrimitives.ReadInt64LittleEndian(bound).ToString() : System.Text.Encoding.UTF8.GetString(bound);
}
