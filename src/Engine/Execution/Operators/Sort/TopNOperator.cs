using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Execution.Operators.Sort;

/// <summary>
/// ORDER BY ... OFFSET o LIMIT l without sorting everything: keeps only the best k = o + l rows seen so far. Incoming
/// batches are buffered until they hold at least max(k, batch size) rows, then merged with the current best rows,
/// sorted and cut back to k, so memory stays O(k + batch size) and work O(n log k) amortized.
/// </summary>
internal sealed class TopNOperator : Operator
{
    private readonly Operator _input;
    private readonly IReadOnlyList<SortKey> _keys;
    private readonly Evaluator[] _keyExprs;
    private readonly long _limit;
    private readonly long _offset;

    public TopNOperator(Operator input, IReadOnlyList<SortKey> keys, long limit, long offset, ExecutionContext context) : base(input.Schema, context)
    {
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
        RecordBatch? best = null;
        var pending = new List<RecordBatch>();
        var pendingRows = 0;
        foreach (var batch in _input.Execute())
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            if (batch.RowCount == 0) continue;
            pending.Add(batch);
            pendingRows += batch.RowCount;
            if (pendingRows >= threshold)
            {
                best = Compact(best, pending, k);
                pending.Clear();
                pendingRows = 0;
            }
        }
        if (pending.Count > 0) best = Compact(best, pending, k);
        if (best is null || best.RowCount <= _offset) yield break;
        var start = (int)_offset;
        for (var s = start; s < best.RowCount; s += Context.BatchSize)
        {
            yield return best.Slice(s, Math.Min(Context.BatchSize, best.RowCount - s));
        }
    }

    /// <summary>The best <paramref name="k"/> rows of the current best rows and the pending batches, in order.</summary>
    private RecordBatch Compact(RecordBatch? best, List<RecordBatch> pending, int k)
    {
        if (best is not null) pending.Insert(0, best);
        var all = ArrayConcat.Concat(pending, Schema);
        var order = SortOperator.SortBatch(all, _keyExprs, _keys);
        return all.Take(order.AsSpan(0, Math.Min(k, order.Length)));
    }
}
