using Xunit;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Formats.Parquet.Reading;
using QueryEngine.Engine.Formats.Parquet.Writing;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Tests.Tpch;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>
/// Bloom filters our writer emits for dictionary-encoded column chunks: DuckDB's <c>parquet_bloom_probe</c> never
/// excludes a present value, excludes exactly the row groups our reader skips, and answers agree.
/// </summary>
public sealed class ParquetBloomFilterWriterTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _file;

    public ParquetBloomFilterWriterTests()
    {
        var source = _dir.File("source.parquet");
        _file = _dir.File("ours.parquet");
        // s and g: about 100 distinct values per row group of 10,240 rows, overlapping ranges (statistics cannot skip);
        // id is unique (not dictionary-encoded, so no filter).
        DuckDbReader.Query([$"COPY (SELECT i AS id, 'k' || (i // 100) AS s, ((i // 100) * 37) % 1000 AS g FROM range(0, 102400) t(i)) TO '{source}' (FORMAT parquet)"]);
        ParquetWriterTests.WriteCopy(source, _file, new ParquetWriterOptions { RowGroupRows = 10_240 });
    }

    [Fact]
    public void DictionaryColumnsGetBloomFiltersDuckDbReads()
    {
        var answers = DuckDbReader.Query([
            $"SELECT count(*) FROM parquet_metadata('{_file}') WHERE bloom_filter_offset IS NOT NULL AND path_in_schema IN ('s', 'g')",
            $"SELECT count(*) FROM parquet_metadata('{_file}') WHERE bloom_filter_offset IS NOT NULL AND path_in_schema = 'id'",
            $"SELECT count(*) FROM parquet_metadata('{_file}')",
        ]);
        Assert.Equal("20", answers[0]);
        Assert.Equal("0", answers[1]);
        Assert.Equal("30", answers[2]);
    }

    [Fact]
    public void DuckDbNeverExcludesAPresentValueAndExcludesWhatWeSkip()
    {
        foreach (var (column, index, literal, sql) in new[] { ("g", 2, (object)37L, "37"), ("g", 2, 999L, "999"), ("s", 1, "k150", "'k150'"), ("s", 1, "k511", "'k511'"), ("s", 1, "k9999", "'k9999'") })
        {
            var answers = DuckDbReader.Query([
                $"SELECT coalesce(string_agg(row_group_id::varchar, ',' ORDER BY row_group_id), '') || ';' FROM parquet_bloom_probe('{_file}', '{column}', {sql}) WHERE bloom_filter_excludes",
                $"SELECT coalesce(string_agg(DISTINCT (id // 10240)::varchar, ','), '') || ';' FROM read_parquet('{_file}') WHERE {column} = {sql}",
            ]);
            var excluded = Groups(answers[0]);
            var present = Groups(answers[1]);
            Assert.Empty(excluded.Intersect(present));
            var type = literal is long ? DataType.Int64 : DataType.Utf8;
            var source = ParquetTableSource.ForFiles(_file, new LocalObjectStore());
            var filter = new BinaryExpr(BinaryOp.Equal, new ColumnExpr(index, type, column), new LiteralExpr(literal, type), DataType.Boolean);
            var tasks = source.PlanScan(new ScanRequest([0, 1, 2], [filter])).Select(t => ((ParquetScanTask)t).RowGroup).ToList();
            Assert.True(excluded.Count >= 5, $"{column} = {sql}: DuckDB excludes only {excluded.Count} row groups");
            Assert.All(present, g => Assert.Contains(g, tasks));
            Assert.All(tasks, g => Assert.DoesNotContain(g, excluded));
            // Our reader's view of our filters is DuckDB's, row group by row group.
            var info = ParquetFooter.Read(new LocalObjectStore(), _file, new FileInfo(_file).Length);
            var leaf = info.Schema.Leaves[index];
            var hash = BloomFilterPruner.Hash(leaf, literal)!.Value;
            for (var g = 0; g < info.Metadata.RowGroups.Count; g++)
            {
                var bloom = BloomFilterReader.Read(new LocalObjectStore(), info, g, leaf)!;
                Assert.True(bloom.MightContain(hash) != excluded.Contains(g), $"{column} = {sql}, row group {g}: DuckDB and we disagree");
            }
        }
    }

    private static HashSet<int> Groups(string list)
    {
        var trimmed = list.TrimEnd(';');
        return trimmed.Length == 0 ? [] : trimmed.Split(',').Select(int.Parse).ToHashSet();
    }

    [Fact]
    public void AnswersEqualDuckDbs()
    {
        string[] predicates = ["g = 37", "g IN (37, 74, 5000)", "s = 'k150'", "s = 'k9999'", "g = 37 OR s = 'k500'"];
        var expected = DuckDbReader.Query(predicates.Select(p => $"SELECT count(*) || '|' || coalesce(sum(id), 0) FROM read_parquet('{_file}') WHERE {p}").ToList());
        var session = new QuerySession(new InMemoryCatalog(), new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions());
        var actual = predicates.Select(p => string.Join("|", TpchAnswerTests.Render(session.Execute($"SELECT count(*), coalesce(sum(id), 0) FROM read_parquet('{_file}') WHERE {p}"))[0])).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void BitsetIsSizedByDistinctValuesAndProbability()
    {
        Assert.Equal(32, BloomFilterBuilder.BitsetBytes(1, 0.01));
        // About 1.2 bytes per value at 1 %: 1,000 values need 1,211 bytes, rounded up to 2,048.
        Assert.Equal(2048, BloomFilterBuilder.BitsetBytes(1000, 0.01));
        Assert.Equal(4096, BloomFilterBuilder.BitsetBytes(1000, 0.0001));
    }

    public void Dispose() => _dir.Dispose();
}
