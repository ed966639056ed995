using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Execution.Operators.Sort;

/// <summary>ORDER BY: materializes the input, sorts a row permutation (<see cref="RowSorter"/>) and emits it in batches.</summary>
internal sealed class SortOperator : Operator
{
    private readonly Operator _input;
    private readonly IReadOnlyList<SortKey> _keys;
    private readonly Evaluator[] _keyExprs;

    public SortOperator(Operator input, IReadOnlyList<SortKey> keys, ExecutionContext context) : base(input.Schema, context)
    {
        _input = input;
        _keys = keys;
        _keyExprs = CompileKeys(keys, input.Schema);
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
        var batches = new List<RecordBatch>();
        foreach (var batch in _input.Execute())
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            if (batch.RowCount > 0) batches.Add(batch);
        }
        if (batches.Count == 0) yield break;
        var all = ArrayConcat.Concat(batches, Schema);
        batches.Clear();
        var order = SortBatch(all, _keyExprs, _keys);
        for (var start = 0; start < order.Length; start += Context.BatchSize)
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            var n = Math.Min(Context.BatchSize, order.Length - start);
            yield return all.Take(order.AsSpan(start, n));
        }
    }
}
