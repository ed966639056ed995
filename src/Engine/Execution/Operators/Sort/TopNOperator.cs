using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Memory;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Execution.Operators.Sort;

/// <summary>
/// ORDER BY ... OFFSET o LIMIT l without sorting everything: keeps only the best k = o + l rows seen so far. Once k
/// rows are known, the k-th best row is a cutoff: incoming rows that do not sort before it are dropped right away
/// (one typed comparison per row, no copying). Survivors are buffered until they hold at least max(k, batch size)
/// rows, then merged with the current best rows, sorted and cut back to k; memory stays O(k + batch size).
/// </summary>
internal sealed class TopNOperator : Operator
{
    private readonly Operator _input;
    private readonly IReadOnlyList<SortKey> _keys;
    private readonly Evaluator[] _keyExprs;
    private readonly long _limit;
    private readonly long _offset;
    private readonly TopNExec _plan;

    public TopNOperator(Operator input, TopNExec plan, ExecutionContext context) : base(input.Schema, context)
    {
        var (keys, limit, offset) = (plan.Keys, plan.Limit, plan.Offset);
        _plan = plan;
        _input = input;
        _keys = keys;
        _keyExprs = SortOperator.CompileKeys(keys, input.Schema);
        _limit = limit;
        _offset = offset;
    }

    public override IEnumerable<RecordBatch> Execute()
    {
        if (_limit <= 0) yield break;
        var k = (int)Math.Min(int.MaxValue - 1L, _offset + _limit);
        var threshold = Math.Max(k, Context.BatchSize);
        // The best rows and the survivors waiting to be merged with them, measured at each merge.
        using var memory = Context.Reserve("TopN", _plan);
        RecordBatch? best = null;
        ArrowArray[]? cutoff = null;
        var pending = new List<RecordBatch>();
        var pendingRows = 0;
        long pendingBytes = 0;
        long bestBytes = 0;
        foreach (var input in _input.Execute())
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            var batch = cutoff is null ? input : BeforeCutoff(input, cutoff);
            if (batch is null || batch.RowCount == 0) continue;
            pending.Add(batch);
            pendingRows += batch.RowCount;
            pendingBytes += BatchBytes.Of(batch);
            memory.Resize(2 * (pendingBytes + bestBytes));
            if (pendingRows >= threshold)
            {
                (best, cutoff) = Compact(best, pending, k);
                bestBytes = BatchBytes.Of(best);
                pendingBytes = 0;
                pending.Clear();
                pendingRows = 0;
            }
        }
        if (pending.Count > 0) (best, _) = Compact(best, pending, k);
        if (best is null || best.RowCount <= _offset) yield break;
        for (var s = (int)_offset; s < best.RowCount; s += Context.BatchSize)
        {
            yield return best.Slice(s, Math.Min(Context.BatchSize, best.RowCount - s));
        }
    }

    private ArrowArray[] EvaluateKeys(RecordBatch batch)
    {
        var values = new ArrowArray[_keyExprs.Length];
        for (var i = 0; i < values.Length; i++) values[i] = _keyExprs[i].EvaluateFlat(batch);
        return values;
    }

    /// <summary>The rows of <paramref name="batch"/> that sort strictly before the cutoff row (the current k-th best).</summary>
    private RecordBatch? BeforeCutoff(RecordBatch batch, ArrowArray[] cutoff)
    {
        var keys = EvaluateKeys(batch);
        var comparers = new KeyComparer[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            // Row 0 is the cutoff, rows 1.. the batch.
            var both = ArrayConcat.Concat([cutoff[i], keys[i]], keys[i].Type);
            comparers[i] = KeyComparer.Create(both, _keys[i].Ascending, _keys[i].NullsFirst);
        }
        var chain = new ChainComparer(comparers);
        var keep = new List<int>();
        for (var r = 0; r < batch.RowCount; r++)
        {
            if (chain.Compare(r + 1, 0) < 0) keep.Add(r);
        }
        if (keep.Count == batch.RowCount) return batch;
        return keep.Count == 0 ? null : batch.Take([.. keep]);
    }

    /// <summary>The best <paramref name="k"/> rows of the current best rows and the pending batches, in order, and the
    /// keys of the k-th row when there are k rows.</summary>
    private (RecordBatch Best, ArrowArray[]? Cutoff) Compact(RecordBatch? best, List<RecordBatch> pending, int k)
    {
        if (best is not null) pending.Insert(0, best);
        var all = ArrayConcat.Concat(pending, Schema);
        var keys = EvaluateKeys(all);
        var order = RowSorter.Sort(keys, _keys, all.RowCount);
        var n = Math.Min(k, order.Length);
        ArrowArray[]? cutoff = null;
        if (n == k)
        {
            cutoff = new ArrowArray[keys.Length];
            for (var i = 0; i < keys.Length; i++) cutoff[i] = keys[i].Take([order[n - 1]]);
        }
        return (all.Take(order.AsSpan(0, n)), cutoff);
    }
}
