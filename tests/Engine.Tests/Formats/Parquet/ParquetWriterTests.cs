using Xunit;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Formats.Parquet.Metadata;
using QueryEngine.Engine.Formats.Parquet.Writing;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>
/// Files our writer makes (every flat type, nulls, dictionary and plain, every codec, several pages and row
/// groups) read back to the same rows with our reader and with DuckDB.
/// </summary>
public sealed class ParquetWriterTests(ParquetCorpus corpus) : IClassFixture<ParquetCorpus>
{
    private static readonly string[] Sources = ["types_n0_snappy", "types_n50_snappy", "types_n100_snappy", "row_groups", "long_strings", "empty"];

    private static readonly CompressionCodec[] Codecs = [CompressionCodec.Snappy, CompressionCodec.Gzip, CompressionCodec.Zstd, CompressionCodec.Lz4Raw, CompressionCodec.Uncompressed];

    [Fact]
    public void OurReaderAndDuckDbReadBackWhatWeWrite()
    {
        var written = new List<(string Path, string Source)>();
        var k = 0;
        foreach (var source in Sources)
        {
            foreach (var codec in Codecs)
            {
                var options = new ParquetWriterOptions { Codec = codec, RowGroupRows = 700 + (k * 37), PageRows = 250 + (k * 11), DictionaryMaxBytes = k % 3 == 2 ? 0 : 1 << 20 };
                var path = Path.Combine(corpus.Folder, $"written-{source}-{codec}.parquet");
                WriteCopy(corpus.PathOf(source), path, options);
                written.Add((path, source));
                k++;
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
        var duck = DuckDbReader.Read(written.Select(w => w.Path).ToList());
        foreach (var (path, source) in written)
        {
            var expected = corpus.Expected(source);
            var rows = duck[path];
            Assert.Equal(expected.Length, rows.Count);
            for (var i = 0; i < expected.Length; i++)
            {
                if (expected[i] != rows[i]) Assert.Fail($"{path} row {i} (DuckDB):\n  expected: {expected[i]}\n  read:     {rows[i]}");
            }
        }
    }

    [Fact]
    public void StatisticsLetRowGroupsBeSkipped()
    {
        var path = Path.Combine(corpus.Folder, "written-stats.parquet");
        WriteCopy(corpus.PathOf("row_groups_v2"), path, new ParquetWriterOptions { RowGroupRows = 1000 });
       
        var source = new FileTableSourceFactory(new LocalObjectStore()).CreateForFunction("read_parquet", [path])!;
        Assert.Equal(20, source.PlanScan(new ScanRequest([0], [])).Count);
        var i32 = new ColumnExpr(0, DataType.Int32, "i32");
        var s = new ColumnExpr(1, DataType.Utf8, "s");
        Assert.Empty(source.PlanScan(new ScanRequest([0], [new BinaryExpr(BinaryOp.Greater, i32, new LiteralExpr(int.MaxValue, DataType.Int32), DataType.Boolean)])));
        Assert.Empty(source.PlanScan(new ScanRequest([0], [new BinaryExpr(BinaryOp.Less, s, new LiteralExpr("", DataType.Utf8), DataType.Boolean)])));
        // Rows are ordered by i in every file of the corpus, and s starts with "str-<i>": a prefix range selects few groups.
        var few = source.PlanScan(new ScanRequest([1], [new BinaryExpr(BinaryOp.Equal, s, new LiteralExpr("str-15001-é漢😀-x", DataType.Utf8), DataType.Boolean)]));
        Assert.InRange(few.Count, 1, 19);
    }

    /// <summary>
    /// DuckDB prunes row groups of our files by our statistics: filtered counts over our copy (many small row groups)
    /// equal the counts over DuckDB's own file, so no statistic excludes a matching row.
    /// </summary>
    [Fact]
    public void DuckDbFiltersOurFilesByOurStatistics()
    {
        var ours = Path.Combine(corpus.Folder, "written-duckdb-stats.parquet");
        WriteCopy(corpus.PathOf("row_groups"), ours, new ParquetWriterOptions { RowGroupRows = 600, PageRows = 150 });
        string[] predicates =
        [
            "i64 > 4000000000000000000", "i64 < -4500000000000000000", "i64 = 1234", "s > 'str-1999'", "s < 'str-10'", "s = 'str-15001-é漢😀-x'",
            "s_low = 'beta'", "s_low > 'delta'", "dec18 >= 99000000000000.0000", "dec18 < -99000000000000", "dt < DATE '1900-01-01'",
            "dt BETWEEN DATE '1970-01-01' AND DATE '1970-03-01'", "d > 1000", "d < -50", "i64 IS NULL", "s IS NOT NULL",
        ];
        var statements = new List<string>();
        foreach (var p in predicates)
        {
            statements.Add($"SELECT count(*) FROM read_parquet('{corpus.PathOf("row_groups")}') WHERE {p}");
            statements.Add($"SELECT count(*) FROM read_parquet('{ours}') WHERE {p}");
        }
        var counts = DuckDbReader.Query(statements);
        for (var i = 0; i < predicates.Length; i++) Assert.True(counts[2 * i] == counts[(2 * i) + 1], $"{predicates[i]}: DuckDB's file {counts[2 * i]}, ours {counts[(2 * i) + 1]}");
        Assert.Contains(counts, c => c != "0");
    }

    internal static void WriteCopy(string from, string to, ParquetWriterOptions options)
    {
        var source = new FileTableSourceFactory(new LocalObjectStore()).CreateForFunction("read_parquet", [from])!;
        var projection = Enumerable.Range(0, source.Schema.Count).ToArray();
        using var stream = File.Create(to);
        var writer = new ParquetWriter(stream, source.Schema, options);
        var context = new ScanContext(CancellationToken.None);
        foreach (var task in source.PlanScan(new ScanRequest(projection, [], 512)))
        {
            foreach (var batch in task.Execute(context)) writer.Write(batch);
        }
        writer.Finish();
    }
}
