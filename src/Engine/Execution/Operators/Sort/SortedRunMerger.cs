using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Memory;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Execution.Operators.Sort;

/// <summary>
/// Merges sorted runs batch-wise with the same vectorized sort the in-memory path uses. A window holds the unemitted
/// rows of one loaded batch (or more) per run; it is sorted, and every row up to the first position at which some
/// unfinished run's newest loaded row appears is final, because every later row of that run sorts at or after it. Those
/// rows are emitted, that run's next batch is loaded, and the rest of the window carries over. Each step emits at
/// least one whole batch of the run it advances; the window (about one batch per run) is reserved against the query's
/// memory limit.
/// </summary>
internal sealed class SortedRunMerger(
    Schema schema, Evaluator[] keyExprs, IReadOnlyList<SortKey> keys, MemoryReservation memory, int batchSize, CancellationToken cancellation)
{
    public IEnumerable<RecordBatch> Merge(IEnumerable<RecordBatch>[] runs)
    {
        var cursors = new IEnumerator<RecordBatch>[runs.Length];
        try
        {
            for (var r = 0; r < runs.Length; r++) cursors[r] = runs[r].GetEnumerator();
            var finished = new bool[runs.Length];
            var incoming = new List<(RecordBatch Batch, int Run)>();
            for (var r = 0; r < runs.Length; r++) Load(cursors, finished, r, incoming);
            RecordBatch? carry = null;
            int[] carryRuns = [];
            while (true)
            {
                cancellation.ThrowIfCancellationRequested();
                var (window, windowRuns) = Combine(carry, carryRuns, incoming);
                incoming.Clear();
                memory.Resize(BatchBytes.Of(window) * 2);
                if (window.RowCount == 0) yield break;
                var order = SortOperator.SortBatch(window, keyExprs, keys);
                var lastPosition = new int[runs.Length];
                lastPosition.AsSpan().Fill(-1);
                for (var i = 0; i < order.Length; i++) lastPosition[windowRuns[order[i]]] = i;
                var cut = order.Length - 1;
                var advance = -1;
                for (var r = 0; r < runs.Length; r++)
                {
                    if (finished[r] || lastPosition[r] < 0 || lastPosition[r] >= cut && advance >= 0) continue;
                    cut = lastPosition[r];
                    advance = r;
                }
                for (var start = 0; start <= cut; start += batchSize)
                {
                    yield return window.Take(order.AsSpan(start, Math.Min(batchSize, cut + 1 - start)));
                }
                if (advance < 0) yield break;
                var rest = order.AsSpan(cut + 1);
                carry = window.Take(rest);
                carryRuns = new int[rest.Length];
                for (var i = 0; i < rest.Length; i++) carryRuns[i] = windowRuns[rest[i]];
                Load(cursors, finished, advance, incoming);
            }
        }
        finally
        {
            foreach (var cursor in cursors) cursor?.Dispose();
            memory.Free();
        }
    }

    /// <summary>Loads run <paramref name="run"/>'s next non-empty batch, or marks it finished.</summary>
    private static void Load(IEnumerator<RecordBatch>[] cursors, bool[] finished, int run, List<(RecordBatch, int)> incoming)
    {
        while (cursors[run].MoveNext())
        {
            if (cursors[run].Current.RowCount == 0) continue;
            incoming.Add((cursors[run].Current, run));
            return;
        }
        finished[run] = true;
    }

    private (RecordBatch Window, int[] Runs) Combine(RecordBatch? carry, int[] carryRuns, List<(RecordBatch Batch, int Run)> incoming)
    {
        var parts = new List<RecordBatch>(incoming.Count + 1);
        var total = 0;
        if (carry is not null && carry.RowCount > 0)
        {
            parts.Add(carry);
            total += carry.RowCount;
        }
        foreach (var (batch, _) in incoming)
        {
            parts.Add(batch);
            total += batch.RowCount;
        }
        var runsOf = new int[total];
        var at = 0;
        if (carry is not null && carry.RowCount > 0)
        {
            carryRuns.CopyTo(runsOf, 0);
            at = carryRuns.Length;
        }
        foreach (var (batch, run) in incoming)
        {
            runsOf.AsSpan(at, batch.RowCount).Fill(run);
            at += batch.RowCount;
        }
        var window = parts.Count == 0 ? new RecordBatch(schema, EmptyColumns(), 0) : ArrayConcat.Concat(parts, schema);
        return (window, runsOf);
    }

    private ArrowArray[] EmptyColumns()
    {
        var columns = new ArrowArray[schema.Count];
        for (var c = 0; c < columns.Length; c++) columns[c] = ArrayFactory.Empty(schema[c].Type);
        return columns;
    }
}
