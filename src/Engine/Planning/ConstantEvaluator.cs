using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;

namespace QueryEngine.Engine.Planning;

/// <summary>Evaluates a constant expression to its boxed value with the executor's own kernels.</summary>
internal static class ConstantEvaluator
{
    private static readonly RecordBatch OneRow = new(Schema.Empty, [], 1);

    /// <summary>False when evaluation fails with a user error (that error then surfaces at run time, if reached).</summary>
    public static bool TryEvaluate(PhysicalExpr expr, out object? value)
    {
        try
        {
            var result = ExpressionEvaluator.Evaluate(expr, OneRow);
            value = result.GetValue(0);
            return true;
        }
        catch (QueryException)
        {
            value = null;
            return false;
        }
    }
}
