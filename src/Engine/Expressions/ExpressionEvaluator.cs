using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions;

/// <summary>
/// Evaluates a bound expression over a batch (vectorized). For constant folding, evaluate over a one-row batch with
/// an empty schema: <c>Evaluate(expr, new RecordBatch(Schema.Empty, [], 1))</c>.
/// </summary>
public static class ExpressionEvaluator
{
    /// <summary>The expression's value for every row of <paramref name="batch"/> (exactly <c>batch.RowCount</c> values).</summary>
    public static ArrowArray Evaluate(PhysicalExpr expr, RecordBatch batch)
    {
        var evaluator = ExpressionCompiler.Compile(expr, batch.Schema);
        return evaluator.EvaluateFlat(batch);
    }
}
