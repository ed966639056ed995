using System.Buffers.Binary;
using System.Text;
using Xunit;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Formats.Parquet.Metadata;
using QueryEngine.Engine.Formats.Parquet.Reading;
using QueryEngine.Engine.Formats.Parquet.Writing;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Tests.Tpch;
using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>
/// The page index (ColumnIndex and OffsetIndex) our writer emits: DuckDB reads the files identically, every page's
/// bounds and null count agree with what DuckDB computes over that page's rows, and our reader skips pages of a
/// sorted column under a selective filter (pages of different columns are not aligned) with DuckDB's answers.
/// </summary>
public sealed class ParquetPageIndexTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _source;
    private readonly string _file;

    public ParquetPageIndexTests()
    {
        _source = _dir.File("source.parquet");
        _file = _dir.File("indexed.parquet");
        // id: sorted, 8-byte pages of 512 rows; s: sorted strings, pages of about 290 rows; n: dictionary-encoded with
        // whole pages of NULLs (pages of 1000 rows); long: strings over 64 bytes whose bounds are shortened.
        DuckDbReader.Query([$"COPY (SELECT i AS id, 'name' || lpad(i::varchar, 6, '0') AS s, CASE WHEN i % 7000 < 2000 THEN NULL ELSE i % 13 END AS n, repeat('x', 70) || (99999 - i) AS long FROM range(0, 100000) t(i)) TO '{_source}' (FORMAT parquet)"]);
        ParquetWriterTests.WriteCopy(_source, _file, new ParquetWriterOptions { RowGroupRows = 50_000, PageRows = 1000, PageBytes = 4096 });
    }

    [Fact]
    public void DuckDbReadsOurPageIndexedFileIdentically()
    {
        const string Summary = "count(*) || '|' || sum(id) || '|' || count(n) || '|' || sum(n) || '|' || min(s) || '|' || max(s) || '|' || min(long) || '|' || max(long)";
        var answers = DuckDbReader.Query([
            $"SELECT {Summary} FROM read_parquet('{_source}')",
            $"SELECT {Summary} FROM read_parquet('{_file}')",
            $"SELECT count(*) FROM parquet_metadata('{_file}')",
            $"SELECT string_agg(name, ',' ORDER BY name) FROM parquet_schema('{_file}') WHERE name <> 'duckdb_schema' AND num_children IS NULL",
        ]);
        Assert.Equal(answers[0], answers[1]);
        var info = Footer();
        Assert.Equal((info.Metadata.RowGroups.Count * 4).ToString(), answers[2]);
        Assert.Equal("id,long,n,s", answers[3]);
        foreach (var group in info.Metadata.RowGroups)
        {
            Assert.All(group.Columns, c => Assert.NotNull(c.OffsetIndexOffset));
            Assert.All(group.Columns, c => Assert.NotNull(c.ColumnIndexOffset));
        }
    }

    [Fact]
    public void EveryPageBoundAndNullCountAgreesWithDuckDb()
    {
        var info = Footer();
        var store = new LocalObjectStore();
        var rows = info.Metadata.RowGroups[0].NumRows;
        Assert.True(info.Metadata.RowGroups.Count >= 2);
        foreach (var (column, leafIndex) in new[] { ("id", 0), ("s", 1), ("n", 2), ("long", 3) })
        {
            var leaf = info.Schema.Leaves[leafIndex];
            Assert.Equal(column, leaf.Path);
            var index = PageIndexReader.Read(store, info, 0, leaf)!;
            Assert.True(index.PageCount >= 50, $"{column}: only {index.PageCount} pages");
            var pages = string.Join(",", Enumerable.Range(0, index.PageCount).Select(p => $"({p}, {index.FirstRow(p)}, {index.EndRow(p)})"));
            var expected = DuckDbReader.Query([
                $"SELECT string_agg(coalesce(lo, '-') || '..' || coalesce(hi, '-') || '/' || nulls, ';' ORDER BY k) FROM (SELECT k, min({column})::varchar AS lo, max({column})::varchar AS hi, count(*) - count({column}) AS nulls FROM read_parquet('{_file}', file_row_number = true) r JOIN (VALUES {pages}) p(k, f, e) ON r.file_row_number >= f AND r.file_row_number < e GROUP BY k)",
            ])[0].Split(';');
            Assert.Equal(index.PageCount, expected.Length);
            Assert.Equal(rows, index.EndRow(index.PageCount - 1));
            var columns = index.Columns!;
            for (var p = 0; p < index.PageCount; p++)
            {
                var parts = expected[p].Split('/');
                Assert.Equal(long.Parse(parts[1]), columns.NullCounts![p]);
                var bounds = parts[0].Split("..");
                Assert.Equal(bounds[0] == "-", columns.NullPages[p]);
                if (columns.NullPages[p]) continue;
                var (min, max) = (Render(leaf, columns.MinValues[p]), Render(leaf, columns.MaxValues[p]));
                if (column == "long")
                {
                    // Shortened bounds: still a lower and an upper bound, at most 64 bytes.
                    Assert.True(columns.MinValues[p].Length <= PageIndexBuilder.MaxBoundBytes && columns.MaxValues[p].Length <= PageIndexBuilder.MaxBoundBytes);
                    Assert.True(string.CompareOrdinal(min, bounds[0]) <= 0 && bounds[0].StartsWith(min, StringComparison.Ordinal), $"page {p}: min {min} for {bounds[0]}");
                    Assert.True(string.CompareOrdinal(max, bounds[1]) > 0, $"page {p}: max {max} for {bounds[1]}");
                }
                else
                {
                    Assert.Equal(bounds[0], min);
                    Assert.Equal(bounds[1], max);
                }
            }
            // id and s grow page by page; every page of n with values spans 0..12 and the shortened bounds of long
            // are all equal: equal bounds count as ascending.
            Assert.Equal(BoundaryOrder.Ascending, columns.BoundaryOrder);
        }
    }

    [Fact]
    public void SelectiveFilterOnSortedColumnReadsOnlyMatchingPages()
    {
        var source = ParquetTableSource.ForFiles(_file, new LocalObjectStore());
        var tasks = source.PlanScan(new ScanRequest([0, 1, 2, 3], [Compare(BinaryOp.Equal, 0, 12345L)]));
        var task = Assert.Single(tasks);
        Assert.Equal(1, source.LastSkippedRowGroups); // by the row group's statistics
        Assert.Equal(0, source.LastPageIndexSkippedRowGroups);
        var pages = ((ParquetScanTask)task).Pages!;
        // The rows kept are those of id's one page (512 rows) holding 12345; the filter above the scan does the rest.
        Assert.Equal([(12288L, 12800L)], pages.Ranges.Intervals);
        var info = Footer();
        var total = 0;
        var read = 0;
        foreach (var leaf in info.Schema.Leaves)
        {
            var index = PageIndexReader.Read(new LocalObjectStore(), info, 0, leaf)!;
            total += index.PageCount;
            read += Enumerable.Range(0, index.PageCount).Count(p => index.FirstRow(p) < 12800 && index.EndRow(p) > 12288);
        }
        // Pages of s and long are smaller than id's and do not line up with them: several of theirs cover id's page.
        Assert.True(read > 4, $"{read} pages read");
        Assert.Equal(total - read, source.LastSkippedPages);
        var batches = task.Execute(new ScanContext(CancellationToken.None)).ToList();
        var batch = Assert.Single(batches);
        Assert.Equal(512, batch.RowCount);
        for (var i = 0; i < batch.RowCount; i++) Assert.Equal(12288L + i, ((PrimitiveArray<long>)batch.Columns[0])[i]);
        Assert.Equal("name012288", Encoding.UTF8.GetString(((BinaryArray)batch.Columns[1]).GetBytes(0)));
        Assert.Equal("name012799", Encoding.UTF8.GetString(((BinaryArray)batch.Columns[1]).GetBytes(511)));
        Assert.Equal(new string('x', 70) + (99999 - 12500), Encoding.UTF8.GetString(((BinaryArray)batch.Columns[3]).GetBytes(12500 - 12288)));
        Assert.True(batch.Columns[2].IsNull(0) == (12288 % 7000 < 2000));
    }

    [Fact]
    public void InListOfKeysReadsOnlyTheRowGroupsAndPagesHoldingThem()
    {
        // A dynamic filter's key set: 12345 lies in row group 0 (ids 0..50175), 60000 in row group 1, 100001 and -5
        // outside every row group. Only id's two pages (512 rows each) holding the keys are kept.
        var source = ParquetTableSource.ForFiles(_file, new LocalObjectStore());
        var tasks = source.PlanScan(new ScanRequest([0], [InList(0, 12345L, 60000L, 100001L)]));
        Assert.Equal(2, tasks.Count);
        Assert.Equal(0, source.LastSkippedRowGroups);
        Assert.Equal([(12288L, 12800L)], ((ParquetScanTask)tasks[0]).Pages!.Ranges.Intervals);
        Assert.Equal([(59904L - 50176L, 60416L - 50176L)], ((ParquetScanTask)tasks[1]).Pages!.Ranges.Intervals);
        var ids = tasks.SelectMany(t => t.Execute(new ScanContext(CancellationToken.None))).SelectMany(b => Enumerable.Range(0, b.RowCount).Select(i => ((PrimitiveArray<long>)b.Columns[0])[i])).ToList();
        Assert.Equal(1024, ids.Count);
        Assert.Contains(12345L, ids);
        Assert.Contains(60000L, ids);

        Assert.Empty(source.PlanScan(new ScanRequest([0], [InList(0, 100001L, -5L)])));
        Assert.Equal(2, source.LastSkippedRowGroups);
        // NOT IN is not pruned: every row group is read.
        Assert.Equal(2, source.PlanScan(new ScanRequest([0], [new InListExpr(new ColumnExpr(0, DataType.Int64, "id"), [new LiteralExpr(5L, DataType.Int64)], true)])).Count);
    }

    [Fact]
    public void RowGroupWhoseStatisticsMayMatchIsSkippedWhenNoPagesOverlap()
    {
        // Row group 1 holds ids 50176..99999 (WriteCopy sends batches of 512 rows). Its statistics admit both
        // "n IS NULL" and "id in 52000..54000", but n's NULL pages and those ids lie in different rows.
        var info = Footer();
        Assert.Equal(50176, info.Metadata.RowGroups[0].NumRows);
        var source = ParquetTableSource.ForFiles(_file, new LocalObjectStore());
        var isNull = new IsNullExpr(new ColumnExpr(2, DataType.Int64, "n"), false);
        var tasks = source.PlanScan(new ScanRequest([0, 2], [isNull, Compare(BinaryOp.GreaterOrEqual, 0, 52000L), Compare(BinaryOp.LessOrEqual, 0, 54000L)]));
        Assert.Empty(tasks);
        Assert.Equal(2, source.LastSkippedRowGroups);
        Assert.Equal(1, source.LastPageIndexSkippedRowGroups);
        Assert.Equal(["0"], DuckDbReader.Query([$"SELECT count(*) FROM read_parquet('{_file}') WHERE n IS NULL AND id BETWEEN 52000 AND 54000"]));
    }

    [Fact]
    public void AnswersWithPageSkippingEqualDuckDbs()
    {
        string[] predicates =
        [
            "id = 12345", "id BETWEEN 20000 AND 21999", "id < 1500 OR id >= 99000", "n IS NULL", "n IS NOT NULL AND id < 3000",
            "n = 5 AND id > 90000", "s = 'name070001'", "s >= 'name049990' AND s < 'name050300'", "id > 100000", "n IS NULL AND id BETWEEN 52000 AND 57000", "(id < 700 OR s > 'name099500') AND n IS NULL",
            $"long <= '{new string('x', 70)}10'", "id IN (12345, 60000, 99999)", "id IN (100001, -5)", "s IN ('name000100', 'name070001')",
            "id IN (7, 12345) OR n IS NULL", "id NOT IN (1, 2, 3)",
        ];
        var expected = DuckDbReader.Query(predicates.Select(p => $"SELECT count(*) || '|' || coalesce(sum(id), 0) || '|' || coalesce(sum(n), 0) || '|' || coalesce(min(s), '-') || '|' || coalesce(max(long), '-') FROM read_parquet('{_file}') WHERE {p}").ToList());
        var session = new QuerySession(new InMemoryCatalog(), new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions());
        var actual = predicates.Select(p => string.Join("|", TpchAnswerTests.Render(session.Execute($"SELECT count(*), coalesce(sum(id), 0), coalesce(sum(n), 0), coalesce(min(s), '-'), coalesce(max(long), '-') FROM read_parquet('{_file}') WHERE {p}"))[0])).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void FilesWithoutPageIndexAreReadWhole()
    {
        var plain = _dir.File("plain.parquet");
        ParquetWriterTests.WriteCopy(_source, plain, new ParquetWriterOptions { RowGroupRows = 50_000, PageRows = 1000, WritePageIndex = false });
        var info = ParquetFooter.Read(new LocalObjectStore(), plain, new FileInfo(plain).Length);
        Assert.All(info.Metadata.RowGroups.SelectMany(g => g.Columns), c => Assert.Null(c.OffsetIndexOffset));
        var source = ParquetTableSource.ForFiles(plain, new LocalObjectStore());
        var tasks = source.PlanScan(new ScanRequest([0, 1], [Compare(BinaryOp.Equal, 0, 12345L)]));
        Assert.Equal(0, source.LastSkippedPages);
        var task = Assert.Single(tasks);
        Assert.Null(((ParquetScanTask)task).Pages);
    }

    [Fact]
    public void MalformedColumnIndexNamesFileRowGroupAndColumn()
    {
        var info = Footer();
        var offset = info.Metadata.RowGroups[1].Columns[0].ColumnIndexOffset!.Value;
        var bytes = File.ReadAllBytes(_file);
        bytes[offset] = 0; // a STOP field: the column index has none of its required lists
        var corrupt = _dir.Write("corrupt.parquet", bytes);
        var ex = Assert.Throws<CorruptDataException>(() => ParquetTableSource.ForFiles(corrupt, new LocalObjectStore()).PlanScan(new ScanRequest([0], [Compare(BinaryOp.Greater, 0, 60000L)])));
        Assert.Contains("corrupt.parquet", ex.Message, StringComparison.Ordinal);
        Assert.Contains("row group 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("column id", ex.Message, StringComparison.Ordinal);
        Assert.Contains("column index", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OffsetIndexPastTheEndOfTheFileNamesFileRowGroupAndColumn()
    {
        var info = Footer();
        var original = File.ReadAllBytes(_file);
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(original.AsSpan(original.Length - 8));
        var footerStart = original.Length - 8 - footerLength;
        info.Metadata.RowGroups[0].Columns[1].OffsetIndexOffset = original.Length + 100;
        var writer = new CompactWriter();
        info.Metadata.Write(writer);
        var bytes = new List<byte>(original.AsSpan(0, footerStart).ToArray());
        bytes.AddRange(writer.WrittenSpan.ToArray());
        var tail = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(tail, writer.Length);
        "PAR1"u8.CopyTo(tail.AsSpan(4));
        bytes.AddRange(tail);
        var corrupt = _dir.Write("past-end.parquet", bytes.ToArray());
        var ex = Assert.Throws<CorruptDataException>(() => ParquetTableSource.ForFiles(corrupt, new LocalObjectStore()).PlanScan(new ScanRequest([0, 1], [Compare(BinaryOp.Equal, 0, 123L)])));
        Assert.Contains("past-end.parquet", ex.Message, StringComparison.Ordinal);
        Assert.Contains("row group 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("column s", ex.Message, StringComparison.Ordinal);
        Assert.Contains("outside the file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RowRangesIntersectAndUnite()
    {
        var a = RowRanges.FromSorted([(0, 10), (10, 20), (30, 40)]);
        var b = RowRanges.FromSorted([(5, 35)]);
        Assert.Equal([(0L, 20L), (30L, 40L)], a.Intervals);
        Assert.Equal([(5L, 20L), (30L, 35L)], a.Intersect(b).Intervals);
        Assert.Equal([(0L, 40L)], a.Union(b).Intervals);
        Assert.True(a.Overlaps(19, 25));
        Assert.False(a.Overlaps(20, 30));
        Assert.True(a.Intersect(RowRanges.None).IsEmpty);
    }

    private ParquetFileInfo Footer() => ParquetFooter.Read(new LocalObjectStore(), _file, new FileInfo(_file).Length);

    private static string Render(ParquetLeaf leaf, byte[] bound) =>
        leaf.Physical == PhysicalType.Int64 ? BinaryPrimitives.ReadInt64LittleEndian(bound).ToString() : Encoding.UTF8.GetString(bound);

    private static InListExpr InList(int column, params long[] values) =>
        new(new ColumnExpr(column, DataType.Int64, "id"), [.. values.Select(v => (PhysicalExpr)new LiteralExpr(v, DataType.Int64))], false);

    private static BinaryExpr Compare(BinaryOp op, int column, long value) =>
        new(op, new ColumnExpr(column, DataType.Int64, "id"), new LiteralExpr(value, DataType.Int64), DataType.Boolean);

    public void Dispose() => _dir.Dispose();
}
