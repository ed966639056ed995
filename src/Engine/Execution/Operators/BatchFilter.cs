using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Execution.Operators;

/// <summary>Applies a compiled predicate to a batch: rows where it is true survive.</summary>
internal static class BatchFilter
{
    /// <summary>The surviving rows: the same batch (no copy) when all pass, null when none do.</summary>
    public static RecordBatch? Apply(Evaluator predicate, RecordBatch batch)
    {
        var rows = batch.RowCount;
        if (rows == 0) return null;
        var v = predicate.Evaluate(batch);
        var bools = (BooleanArray)v.Array;
        if (v.IsConstant) return bools.IsTrue(0) ? batch : null;
        var count = Bits.CountSet(bools.Bits, bools.Validity, rows);
        if (count == rows) return batch;
        if (count == 0) return null;
        return batch.Take(Bits.SetIndices(bools.Bits, bools.Validity, rows));
    }

    /// <summary>One predicate for a conjunction (AND with lazy evaluation of later conjuncts), or null when there are none.</summary>
    public static Evaluator? Conjunction(IReadOnlyList<Evaluator> predicates)
    {
        Evaluator? result = null;
        foreach (var p in predicates) result = result is null ? p : new AndOrEvaluator(result, p, true);
        return result;
    }
}
