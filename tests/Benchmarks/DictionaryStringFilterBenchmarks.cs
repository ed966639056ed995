using BenchmarkDotNet.Attributes;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Operators;
using QueryEngine.Engine.Execution.Operators.Scan;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Expressions.Evaluation;
using QueryEngine.Engine.Formats.Parquet.Writing;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Benchmarks;

/// <summary>
/// A scan's filter on a dictionary-encoded string column, as the scan operator runs it: 4M rows in 4 row groups,
/// a ship-mode-like column of 7 values (dictionary pages) and an integer payload; predicates <c>mode IN ('MAIL',
/// 'SHIP')</c> (2 of 7 modes) and <c>mode LIKE '%AIR'</c>. Materialized: the reader gathers every string, the
/// filter compares every row. Encoded: the reader keeps the chunk's indices, the filter runs once per dictionary
/// entry and maps the rows through their indices, and only the surviving rows are materialized (as the scan hands
/// them on). Both sum the lengths of the surviving strings, so the same work is left to do afterwards.
/// </summary>
[MemoryDiagnoser]
public class DictionaryStringFilterBenchmarks
{
    private const int Rows = 4_000_000;
    private static readonly string[] Modes = ["AIR", "FOB", "MAIL", "RAIL", "REG AIR", "SHIP", "TRUCK"];
    private static readonly Schema Projected = new([new Field("mode", DataType.Utf8), new Field("quantity", DataType.Int32)]);
    private static readonly ColumnExpr Mode = new(0, DataType.Utf8, "mode");

    private string _directory = string.Empty;
    private ITableSource _source = null!;

    [Params("in", "like")]
    public string Predicate { get; set; } = "in";

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "qe-bench-dictstr-" + Environment.ProcessId);
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "modes.parquet");
        Write(path);
        _source = new FileTableSourceFactory(new LocalObjectStore()).CreateForFunction("read_parquet", [path])!;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Baseline = true, Description = "materialized strings")]
    public long Materialized()
    {
        var filter = BatchFilter.Conjunction(ExpressionCompiler.CompileAll([Condition()], Projected))!;
        long total = 0;
        foreach (var batch in Scan(dictionaryColumns: null))
        {
            if (BatchFilter.Apply(filter, batch) is { } kept) total += Lengths(kept.Column(0));
        }
        return Check(total);
    }

    [Benchmark(Description = "dictionary-encoded strings")]
    public long Encoded()
    {
        var filter = EncodedColumnFilter.Create([Condition()], Projected)!;
        long total = 0;
        foreach (var batch in Scan(dictionaryColumns: [0]))
        {
            if (filter.Apply(batch) is { } kept) total += Lengths(DictionaryArray.Flat(kept).Column(0));
        }
        return Check(total);
    }

    private PhysicalExpr Condition() => Predicate == "in"
        ? new InListExpr(Mode, [new LiteralExpr("MAIL", DataType.Utf8), new LiteralExpr("SHIP", DataType.Utf8)], false)
        : new LikeExpr(Mode, new LiteralExpr("%AIR", DataType.Utf8), null, false);

    /// <summary>Bytes of the surviving strings: 2/7 of the rows are MAIL or SHIP (4 bytes), 2/7 AIR or REG AIR (3 and 7).</summary>
    private long Check(long total)
    {
        var expected = Predicate == "in" ? (Rows / 7 * 2 * 4) + ExtraRows(2) * 4 + ExtraRows(5) * 4 : (Rows / 7 * 10) + ExtraRows(0) * 3 + ExtraRows(4) * 7;
        if (total != expected) throw new InvalidOperationException($"expected {expected} bytes, got {total}");
        return total;
    }

    /// <summary>1 when mode <paramref name="m"/> gets one of the rows left over after whole rounds of 7.</summary>
    private static long ExtraRows(int m) => m < Rows % 7 ? 1 : 0;

    private static long Lengths(ArrowArray array)
    {
        var strings = (BinaryArray)array;
        return strings.Offsets[strings.Length] - strings.Offsets[0];
    }

    private IEnumerable<RecordBatch> Scan(HashSet<int>? dictionaryColumns)
    {
        var context = new ScanContext(CancellationToken.None);
        foreach (var task in _source.PlanScan(new ScanRequest([0, 1], [], RecordBatch.DefaultBatchSize) { DictionaryColumns = dictionaryColumns }))
        {
            foreach (var batch in task.Execute(context)) yield return batch;
        }
    }

    private static void Write(string path)
    {
        var builder = new BinaryBuilder(DataType.Utf8, Rows, Rows * 5);
        var quantities = new int[Rows];
        for (var i = 0; i < Rows; i++)
        {
            builder.Append(System.Text.Encoding.UTF8.GetBytes(Modes[i % Modes.Length]));
            quantities[i] = i % 50;
        }
        var batch = new RecordBatch(Projected, [builder.Build(), new PrimitiveArray<int>(DataType.Int32, quantities)], Rows);
        using var output = File.Create(path);
        var writer = new ParquetWriter(output, Projected, new ParquetWriterOptions { RowGroupRows = Rows / 4 });
        for (var start = 0; start < Rows; start += 100_000) writer.Write(batch.Slice(start, 100_000));
        writer.Finish();
    }
}
