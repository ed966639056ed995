using BenchmarkDotNet.Attributes;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Formats.Parquet.Writing;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Benchmarks;

/// <summary>
/// What the page index buys a selective query: the same 4M rows (one row group of 4M rows, pages of 20,000 rows, a
/// sorted key and two payload columns) written with and without a column/offset index, and a range predicate that
/// selects 0.25% of the rows. Without the index every page of the row group is read and decoded; with it, the pages
/// overlapping the range only.
/// </summary>
[MemoryDiagnoser]
public class ParquetPageIndexBenchmarks
{
    private const int Rows = 4_000_000;
    private string _directory = string.Empty;
    private QuerySession _session = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "qe-bench-pageindex-" + Environment.ProcessId);
        Directory.CreateDirectory(_directory);
        var batch = Data();
        Write(Path.Combine(_directory, "indexed.parquet"), batch, writePageIndex: true);
        Write(Path.Combine(_directory, "plain.parquet"), batch, writePageIndex: false);
        _session = new QuerySession(new InMemoryCatalog(), new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions());
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Baseline = true, Description = "range of 0.25%, no page index")]
    public object WithoutPageIndex() => Query("plain.parquet");

    [Benchmark(Description = "range of 0.25%, page index")]
    public object WithPageIndex() => Query("indexed.parquet");

    private object Query(string file)
    {
        var result = _session.Execute(
            $"SELECT count(*), sum(amount), max(note) FROM read_parquet('{Path.Combine(_directory, file)}') WHERE id BETWEEN 2000000 AND 2009999");
        var count = result.Batches[0].Columns[0].GetValue(0)!;
        if (!count.Equals(10_000L)) throw new InvalidOperationException($"expected 10000 rows, got {count}");
        return count;
    }

    private static RecordBatch Data()
    {
        var schema = new Schema([new Field("id", DataType.Int64), new Field("amount", DataType.Float64), new Field("note", DataType.Utf8)]);
        var ids = new long[Rows];
        var amounts = new double[Rows];
        var notes = new BinaryBuilder(DataType.Utf8, Rows, Rows * 10);
        var random = new Random(42);
        for (var i = 0; i < Rows; i++)
        {
            ids[i] = i;
            amounts[i] = random.NextDouble() * 1000;
            notes.Append("note " + random.Next(100_000));
        }
        return new RecordBatch(schema, [
            new PrimitiveArray<long>(DataType.Int64, ids),
            new PrimitiveArray<double>(DataType.Float64, amounts),
            notes.Build(),
        ], Rows);
    }

    private static void Write(string path, RecordBatch batch, bool writePageIndex)
    {
        using var output = File.Create(path);
        var writer = new ParquetWriter(output, batch.Schema, new ParquetWriterOptions { RowGroupRows = Rows, WritePageIndex = writePageIndex, BloomFilterFpp = 0 });
        for (var start = 0; start < Rows; start += 100_000) writer.Write(batch.Slice(start, 100_000));
        writer.Finish();
    }
}
