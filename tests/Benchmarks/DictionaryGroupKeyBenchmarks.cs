using BenchmarkDotNet.Attributes;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Operators.Aggregate;

namespace QueryEngine.Benchmarks;

/// <summary>
/// Group ids for TPC-H Q1's keys (<c>l_returnflag</c>: 3 one-letter values, <c>l_linestatus</c>: 2) over 4M rows in
/// batches of the default size, the keys random per row and their dictionaries new every 1M rows (like row groups).
/// Materialized: what the scan handed the aggregation before, flat strings (one gather per column and batch), grouped
/// through the 64-bit packed keys. Encoded: the dictionary-encoded columns as they leave the scan now, grouped by
/// their combined dictionary codes. Both return the sum of the group ids, checked equal.
/// </summary>
[MemoryDiagnoser]
public class DictionaryGroupKeyBenchmarks
{
    private const int Rows = 4_000_000;
    private const int RowGroupRows = 1_000_000;

    private DictionaryArray[][] _batches = [];
    private long _expected = -1;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var batches = new List<DictionaryArray[]>();
        BinaryArray flags = Strings("A"), statuses = Strings("F");
        for (var start = 0; start < Rows; start += RecordBatch.DefaultBatchSize)
        {
            if (start % RowGroupRows < RecordBatch.DefaultBatchSize)
            {
                // A new row group: new dictionary instances, listing the values in another order.
                flags = start / RowGroupRows % 2 == 0 ? Strings("A", "N", "R") : Strings("R", "A", "N");
                statuses = start / RowGroupRows % 2 == 0 ? Strings("F", "O") : Strings("O", "F");
            }
            var rows = Math.Min(RecordBatch.DefaultBatchSize, Rows - start);
            var flag = new int[rows];
            var status = new int[rows];
            for (var i = 0; i < rows; i++)
            {
                flag[i] = random.Next(3);
                status[i] = random.Next(2);
            }
            batches.Add([new DictionaryArray(flags, flag, rows), new DictionaryArray(statuses, status, rows)]);
        }
        _batches = [.. batches];
    }

    private static BinaryArray Strings(params string[] values)
    {
        var builder = new BinaryBuilder(DataType.Utf8, values.Length, values.Length * 2);
        foreach (var v in values) builder.Append(System.Text.Encoding.UTF8.GetBytes(v));
        return (BinaryArray)builder.Build();
    }

    [Benchmark(Baseline = true, Description = "materialized keys (packed)")]
    public long Materialized()
    {
        var index = GroupIndex.Create([DataType.Utf8, DataType.Utf8]);
        long total = 0;
        foreach (var batch in _batches)
        {
            var rows = batch[0].Length;
            total += Sum(index.FindOrInsert([batch[0].Materialize(), batch[1].Materialize()], rows));
        }
        return Check(index, total);
    }

    [Benchmark(Description = "dictionary codes")]
    public long Encoded()
    {
        var index = GroupIndex.Create([DataType.Utf8, DataType.Utf8]);
        long total = 0;
        foreach (var batch in _batches) total += Sum(index.FindOrInsert(batch, batch[0].Length));
        return Check(index, total);
    }

    private static long Sum(int[] ids)
    {
        long sum = 0;
        foreach (var id in ids) sum += id;
        return sum;
    }

    /// <summary>Six groups, and the same sum of group ids from both paths (the first key seen gets group 0 in both).</summary>
    private long Check(GroupIndex index, long total)
    {
        if (index.GroupCount != 6) throw new InvalidOperationException($"expected 6 groups, got {index.GroupCount}");
        if (_expected < 0) _expected = total;
        else if (total != _expected) throw new InvalidOperationException($"group id sum {total}, expected {_expected}");
        return total;
    }
}
