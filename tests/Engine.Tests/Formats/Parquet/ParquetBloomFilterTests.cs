using System.Text;
using Xunit;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Formats.Parquet.Reading;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Tests.Tpch;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>
/// Bloom filters written by DuckDB (it writes one for each dictionary-encoded column chunk): row groups are skipped
/// exactly where DuckDB's own <c>parquet_bloom_probe</c> says the value is excluded, answers equal DuckDB's, and a
/// corrupt filter header is an error naming the file, row group and column.
/// </summary>
public sealed class ParquetBloomFilterTests : IDisposable
{
    private const int Groups = 10;

    private readonly TempDirectory _dir = new();
    private readonly string _file;

    public ParquetBloomFilterTests()
    {
        _file = _dir.File("bloom.parquet");
        // s: 100 distinct strings per row group whose ranges overlap in byte order; g: 100 distinct integers per
        // row group spread over 0..999, so statistics cannot skip most row groups but bloom filters can.
        DuckDbReader.Query([$"COPY (SELECT i AS id, 'k' || (i // 100) AS s, ((i // 100) * 37) % 1000 AS g FROM range(0, 100000) t(i)) TO '{_file}' (FORMAT parquet, ROW_GROUP_SIZE 10000)"]);
    }

    [Fact]
    public void XxHash64MatchesKnownValues()
    {
        Assert.Equal(0xEF46DB3751D8E999UL, XxHash64.Hash([], 0));
        Assert.Equal(0xD24EC4F1A98C6E5BUL, XxHash64.Hash("a"u8, 0));
        Assert.Equal(0x44BC2CF5AD770999UL, XxHash64.Hash("abc"u8, 0));
        Assert.Equal(0xFBCEA83C8A378BF1UL, XxHash64.Hash("Nobody inspects the spammish repetition"u8, 0));
    }

    [Fact]
    public void SplitBlockFilterHasNoFalseNegatives()
    {
        var filter = new SplitBlockBloomFilter(new byte[1024]);
        for (var i = 0; i < 200; i++) filter.Insert(XxHash64.Hash(Encoding.UTF8.GetBytes("v" + i), 0));
        for (var i = 0; i < 200; i++) Assert.True(filter.MightContain(XxHash64.Hash(Encoding.UTF8.GetBytes("v" + i), 0)));
        var absent = 0;
        for (var i = 0; i < 1000; i++) absent += filter.MightContain(XxHash64.Hash(Encoding.UTF8.GetBytes("w" + i), 0)) ? 0 : 1;
        Assert.True(absent > 900, $"only {absent} of 1000 absent values were excluded");
        Assert.Throws<ArgumentException>(() => new SplitBlockBloomFilter(new byte[33]));
    }

    [Fact]
    public void DuckDbWritesBloomFiltersForDictionaryColumns()
    {
        var answers = DuckDbReader.Query([$"SELECT count(*) FROM parquet_metadata('{_file}') WHERE bloom_filter_offset IS NOT NULL AND path_in_schema IN ('s', 'g')"]);
        Assert.Equal([(2 * Groups).ToString()], answers);
    }

    [Fact]
    public void IntegerEqualitySkipsExactlyTheRowGroupsDuckDbExcludes()
    {
        var excluded = Excluded("g", "37");
        var (tasks, source) = Plan(Equal(2, new LiteralExpr(37L, DataType.Int64)));
        Assert.True(excluded.Count >= 5, $"DuckDB excludes only {excluded.Count} row groups");
        Assert.Equal(excluded.Count, source.LastBloomFilterSkippedRowGroups);
        Assert.Equal(Enumerable.Range(0, Groups).Where(g => !excluded.Contains(g)), tasks);
        Assert.Contains(0, tasks); // the value lives in row group 0
    }

    [Fact]
    public void StringEqualityAndInNeverScanAnExcludedRowGroup()
    {
        var excluded = Excluded("s", "'k150'");
        var (tasks, source) = Plan(Equal(1, new LiteralExpr("k150", DataType.Utf8)));
        Assert.Contains(1, tasks);
        Assert.All(tasks, g => Assert.DoesNotContain(g, excluded));
        Assert.True(source.LastBloomFilterSkippedRowGroups > 0);

        // IN: a row group is kept when any listed value may be present.
        var inList = new InListExpr(new ColumnExpr(1, DataType.Utf8, "s"), [new LiteralExpr("k150", DataType.Utf8), new LiteralExpr("k950", DataType.Utf8)], false);
        var (both, _) = Plan(inList);
        Assert.Contains(1, both);
        Assert.Contains(9, both);
        var excluded950 = Excluded("s", "'k950'");
        Assert.All(both, g => Assert.False(excluded.Contains(g) && excluded950.Contains(g), $"row group {g} excludes both values"));
    }

    [Fact]
    public void AnswersEqualDuckDbs()
    {
        string[] predicates = ["g = 37", "g IN (37, 74, 5000)", "s = 'k150'", "s IN ('k150', 'k950', 'k1000x')", "s = 'k1000x'", "g = 37 OR s = 'k500'", "g = 37 AND id < 50"];
        var expected = DuckDbReader.Query(predicates.Select(p => $"SELECT count(*) || '|' || coalesce(sum(id), 0) FROM read_parquet('{_file}') WHERE {p}").ToList());
        var session = new QuerySession(new InMemoryCatalog(), new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions());
        var actual = predicates.Select(p => string.Join("|", TpchAnswerTests.Render(session.Execute($"SELECT count(*), coalesce(sum(id), 0) FROM read_parquet('{_file}') WHERE {p}"))[0])).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void CorruptBloomFilterHeaderNamesFileRowGroupAndColumn()
    {
        var offset = long.Parse(DuckDbReader.Query([$"SELECT bloom_filter_offset FROM parquet_metadata('{_file}') WHERE row_group_id = 3 AND path_in_schema = 'g'"])[0]);
        var bytes = File.ReadAllBytes(_file);
        bytes[offset] = 0; // a STOP field: the header has no numBytes
        var corrupt = _dir.Write("corrupt.parquet", bytes);
        var source = ParquetTableSource.ForFiles(corrupt, new LocalObjectStore());
        var ex = Assert.Throws<CorruptDataException>(() => source.PlanScan(new ScanRequest([0, 2], [Equal(2, new LiteralExpr(37L, DataType.Int64))])));
        Assert.Contains("corrupt.parquet", ex.Message, StringComparison.Ordinal);
        Assert.Contains("row group 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("column g", ex.Message, StringComparison.Ordinal);
        Assert.Contains("numBytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FilesWithoutBloomFiltersAreScannedWhole()
    {
        var plain = _dir.File("plain.parquet");
        DuckDbReader.Query([$"COPY (SELECT i AS id, 'k' || (i // 100) AS s, ((i // 100) * 37) % 1000 AS g FROM range(0, 100000) t(i)) TO '{plain}' (FORMAT parquet, ROW_GROUP_SIZE 10000, DICTIONARY_SIZE_LIMIT 1)"]);
        var source = ParquetTableSource.ForFiles(plain, new LocalObjectStore());
        var tasks = source.PlanScan(new ScanRequest([0, 2], [Equal(2, new LiteralExpr(37L, DataType.Int64))]));
        Assert.Equal(0, source.LastBloomFilterSkippedRowGroups);
        Assert.Equal(Groups, tasks.Count);
    }

    private static BinaryExpr Equal(int column, LiteralExpr literal) =>
        new(BinaryOp.Equal, new ColumnExpr(column, literal.Type, column == 1 ? "s" : "g"), literal, DataType.Boolean);

    private (List<int> RowGroups, ParquetTableSource Source) Plan(PhysicalExpr filter)
    {
        var source = ParquetTableSource.ForFiles(_file, new LocalObjectStore());
        var tasks = source.PlanScan(new ScanRequest([0, 1, 2], [filter]));
        return (tasks.Select(t => ((ParquetScanTask)t).RowGroup).ToList(), source);
    }

    /// <summary>The row groups whose bloom filter for the column excludes the value, by DuckDB's parquet_bloom_probe.</summary>
    private HashSet<int> Excluded(string column, string value)
    {
        var list = DuckDbReader.Query([$"SELECT coalesce(string_agg(row_group_id::varchar, ',' ORDER BY row_group_id), '') || ';' FROM parquet_bloom_probe('{_file}', '{column}', {value}) WHERE bloom_filter_excludes"])[0].TrimEnd(';');
        return list.Length == 0 ? [] : list.Split(',').Select(int.Parse).ToHashSet();
    }

    public void Dispose() => _dir.Dispose();
}
