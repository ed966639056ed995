using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Memory;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Execution.Operators.Sort;

/// <summary>
/// ORDER BY: materializes the input, sorts a row permutation (<see cref="RowSorter"/>) and emits it in batches. The
/// buffer is reserved against the query's memory limit (twice its size: the buffered batches and the sorted copy
/// made of them); when the limit is reached and spilling is enabled, the buffer is sorted and written to disk as a
/// run, and the runs are merged at the end (<see cref="SortedRunMerger"/>), an external merge sort.
/// </summary>
internal sealed class SortOperator : Operator
{
    /// <summary>Runs merged at once; more are first merged in groups of this size into longer runs.</summary>
    internal const int MaxFanIn = 16;

    /// <summary>The fewest rows per batch in a spilled run (smaller batches cost more than they save).</summary>
    private const int MinRunBatchRows = 64;

    private readonly Operator _input;
    private readonly SortExec _plan;
    private readonly Evaluator[] _keyExprs;

    public SortOperator(Operator input, SortExec plan, ExecutionContext context) : base(input.Schema, context)
    {
        _input = input;
        _plan = plan;
        _keyExprs = CompileKeys(plan.Keys, input.Schema);
    }

    internal static Evaluator[] CompileKeys(IReadOnlyList<SortKey> keys, Schema schema)
    {
        if (keys.Count == 0) throw new Common.InternalException("sort without keys");
        var result = new Evaluator[keys.Count];
        for (var i = 0; i < result.Length; i++) result[i] = ExpressionCompiler.Compile(keys[i].Expr, schema);
        return result;
    }

    /// <summary>The permutation that sorts <paramref name="batch"/>.</summary>
    internal static int[] SortBatch(RecordBatch batch, Evaluator[] keyExprs, IReadOnlyList<SortKey> keys)
    {
        var values = new ArrowArray[keyExprs.Length];
        for (var k = 0; k < values.Length; k++) values[k] = keyExprs[k].EvaluateFlat(batch);
        return RowSorter.Sort(values, keys, batch.RowCount);
    }

    public override IEnumerable<RecordBatch> Execute()
    {
        using var memory = Context.Reserve("Sort", _plan);
        var buffer = new List<RecordBatch>();
        List<SpillFile>? runs = null;
        foreach (var batch in _input.Execute())
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            if (batch.RowCount == 0) continue;
            var bytes = 2 * BatchBytes.Of(batch);
            if (!memory.TryGrow(bytes))
            {
                // Spilling is off: fail naming the sort.
                if (!Context.Memory.SpillEnabled) memory.Grow(bytes);
                if (buffer.Count > 0) (runs ??= []).Add(WriteRun(buffer));
                buffer.Clear();
                memory.Free();
                if (!memory.TryGrow(bytes))
                {
                    // One input batch larger than the whole limit (already in memory upstream): a run of its own.
                    (runs ??= []).Add(WriteRun([batch]));
                    continue;
                }
            }
            buffer.Add(batch);
        }
        if (runs is null)
        {
            foreach (var output in SortInMemory(buffer)) yield return output;
            yield break;
        }
        if (buffer.Count > 0) runs.Add(WriteRun(buffer));
        buffer.Clear();
        memory.Free();
        var merger = new SortedRunMerger(Schema, _keyExprs, _plan.Keys, memory, Context.BatchSize, Context.Cancellation);
        while (runs.Count > MaxFanIn) runs = MergePass(runs, merger);
        var sources = new IEnumerable<RecordBatch>[runs.Count];
        for (var i = 0; i < sources.Length; i++) sources[i] = runs[i].Read(Schema);
        foreach (var output in merger.Merge(sources)) yield return output;
    }

    private IEnumerable<RecordBatch> SortInMemory(List<RecordBatch> buffer) => SortInMemory(buffer, Context.BatchSize);

    private IEnumerable<RecordBatch> SortInMemory(List<RecordBatch> buffer, int batchSize)
    {
        if (buffer.Count == 0) yield break;
        var all = ArrayConcat.Concat(buffer, Schema);
        buffer.Clear();
        var order = SortBatch(all, _keyExprs, _plan.Keys);
        for (var start = 0; start < order.Length; start += batchSize)
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            var n = Math.Min(batchSize, order.Length - start);
            yield return all.Take(order.AsSpan(start, n));
        }
    }

    /// <summary>
    /// Sorts the buffered batches and writes them to a new spill file, in batches small enough that the merge's window
    /// (one batch per run, <see cref="MaxFanIn"/> runs, twice over) takes at most a quarter of the query's limit.
    /// </summary>
    private SpillFile WriteRun(List<RecordBatch> buffer)
    {
        long bytes = 0;
        long rows = 0;
        foreach (var batch in buffer)
        {
            bytes += BatchBytes.Of(batch);
            rows += batch.RowCount;
        }
        var bytesPerRow = Math.Max(1, bytes / Math.Max(1, rows));
        var budget = Context.Memory.Limit / 4 / (2 * MaxFanIn);
        var runBatchRows = (int)Math.Clamp(budget / bytesPerRow, MinRunBatchRows, Context.BatchSize);
        return Write(SortInMemory(buffer, runBatchRows));
    }

    /// <summary>Merges the runs in groups of <see cref="MaxFanIn"/> into fewer, longer runs.</summary>
    private List<SpillFile> MergePass(List<SpillFile> runs, SortedRunMerger merger)
    {
        var next = new List<SpillFile>();
        for (var start = 0; start < runs.Count; start += MaxFanIn)
        {
            var count = Math.Min(MaxFanIn, runs.Count - start);
            if (count == 1)
            {
                next.Add(runs[start]);
                continue;
            }
            var sources = new IEnumerable<RecordBatch>[count];
            for (var i = 0; i < count; i++) sources[i] = runs[start + i].Read(Schema);
            next.Add(Write(merger.Merge(sources)));
        }
        return next;
    }

    private SpillFile Write(IEnumerable<RecordBatch> sorted)
    {
        using var writer = new SpillWriter(Context.Memory.Spill, "sort", Schema);
        foreach (var batch in sorted) writer.Write(batch);
        var file = writer.Finish();
        Context.Profile?.For(_plan).AddSpill(file.Rows, file.Bytes);
        return file;
    }
}
