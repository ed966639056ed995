using Xunit;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Tests.Tpch;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>
/// Every file of the DuckDB-written corpus (all flat types, null densities 0/50/100%, dictionary and plain,
/// snappy/gzip/zstd/lz4_raw/uncompressed, several row groups, data page v2, an empty file, nested lists, structs
/// and maps) reads to exactly the
/// rows DuckDB reads, compared through one canonical rendering.
/// </summary>
public sealed class ParquetInteropTests(ParquetCorpus corpus) : IClassFixture<ParquetCorpus>
{
    private static readonly string[] FileNames =
    [
        "types_n0_snappy", "types_n50_snappy", "types_n100_snappy",
        "types_n50_gzip", "types_n50_zstd", "types_n50_lz4_raw", "types_n50_uncompressed",
        "types_n0_v2_snappy", "types_n0_v2_zstd", "types_n50_v2_snappy", "types_n50_v2_zstd", "types_n100_v2_uncompressed",
        "plain_no_dictionary", "plain_no_dictionary_v2", "row_groups", "row_groups_v2", "long_strings", "empty",
        "nested_n0", "nested_n50", "nested_n50_v2", "nested_deep",
    ];

    public static TheoryData<string> Names() => new(FileNames);

    [Fact]
    public void TheCorpusHasEveryFileTheTestsExpect() =>
        Assert.Equal(FileNames.Order(), corpus.Files.Order());

    [Theory]
    [MemberData(nameof(Names))]
    public void ReadsWhatDuckDbReads(string name)
    {
        var expected = corpus.Expected(name);
        var actual = ReadAll(corpus.PathOf(name));
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] != actual[i]) Assert.Fail($"{name} row {i}:\n  DuckDB: {expected[i]}\n  ours:   {actual[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void CountsThroughSql(string name)
    {
        var session = new QuerySession(new InMemoryCatalog(), new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions());
        var rows = TpchAnswerTests.Render(session.Execute($"SELECT count(*) FROM read_parquet('{corpus.PathOf(name)}')"));
        Assert.Equal(corpus.Expected(name).Length.ToString(System.Globalization.CultureInfo.InvariantCulture), rows[0][0]);
    }

    [Fact]
    public void MutatedNestedFilesFailOnlyWithQueryExceptions()
    {
        var originals = new[] { "nested_n50", "nested_n50_v2", "types_n50_v2_zstd" }.Select(n => File.ReadAllBytes(corpus.PathOf(n))).ToArray();
        ParquetFuzzTests.FuzzFiles(originals, 150, 4242, corpus.Folder);
    }

    [Fact]
    public void NestedColumnsThroughSql()
    {
        var session = new QuerySession(new InMemoryCatalog(), new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions());
        var rows = TpchAnswerTests.Render(session.Execute($"SELECT id, li, st, mp FROM read_parquet('{corpus.PathOf("nested_n0")}') WHERE id IN (2, 5) ORDER BY id"));
        Assert.Equal(2, rows.Count);
        Assert.Equal("2|[2, NULL, 4]|{x=2, y=s2, z=[2, 3]}|{k2=2, q=NULL}", string.Join("|", rows[0]));
        Assert.Equal("5|[]|{x=5, y=s5, z=[5, 6]}|{k5=5, q=5}", string.Join("|", rows[1]));
    }

    [Fact]
    public void RowGroupsAreSkippedByStatistics()
    {
        var session = new QuerySession(new InMemoryCatalog(), new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions());
        var path = corpus.PathOf("row_groups_v2");
        var all = ReadAll(path);
        var expected = all.Count(r => int.Parse(r.Split('|')[0], System.Globalization.CultureInfo.InvariantCulture) < -2_000_000_000);
        var rows = TpchAnswerTests.Render(session.Execute($"SELECT count(*) FROM read_parquet('{path}') WHERE i32 < -2000000000"));
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), rows[0][0]);

        var source = new FileTableSourceFactory(new LocalObjectStore()).CreateForFunction("read_parquet", [path])!;
        var column = new ColumnExpr(0, DataType.Int32, "i32");
        var none = new BinaryExpr(BinaryOp.Greater, column, new LiteralExpr(int.MaxValue, DataType.Int32), DataType.Boolean);
        Assert.Empty(source.PlanScan(new ScanRequest([0], [none])));
        Assert.Equal(5, source.PlanScan(new ScanRequest([0], [])).Count);
    }

    internal static List<string> ReadAll(string path)
    {
        var source = new FileTableSourceFactory(new LocalObjectStore()).CreateForFunction("read_parquet", [path])!;
        var projection = Enumerable.Range(0, source.Schema.Count).ToArray();
        var rows = new List<string>();
        var context = new ScanContext(CancellationToken.None);
        foreach (var task in source.PlanScan(new ScanRequest(projection, [], 1000)))
        {
            foreach (var batch in task.Execute(context))
            {
                for (var r = 0; r < batch.RowCount; r++) rows.Add(CanonicalRendering.Row(batch, r));
            }
        }
        return rows;
    }
}
