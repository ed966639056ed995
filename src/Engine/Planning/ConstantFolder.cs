using QueryEngine.Engine.Expressions;

namespace QueryEngine.Engine.Planning;

/// <summary>
/// Replaces constant sub-expressions (no columns, deterministic) by their value, evaluated once with the
/// executor's own kernels so that folding can never disagree with execution. An expression whose evaluation
/// fails (e.g. 1/0) is left alone so the error surfaces at run time, only if the row is actually reached.
/// </summary>
public static class ConstantFolder
{
    public static PhysicalExpr Fold(PhysicalExpr expr)
    {
        if (expr is LiteralExpr or ColumnExpr) return expr;
        if (ExprUtil.IsConstant(expr) && TryEvaluate(expr, out var value)) return value;
        return ExprUtil.Rewrite(expr, e => e is not LiteralExpr && ExprUtil.IsConstant(e) && TryEvaluate(e, out var v) ? v : e);
    }

    private static bool TryEvaluate(PhysicalExpr expr, out LiteralExpr result)
    {
        result = null!;
        if (!ConstantEvaluator.TryEvaluate(expr, out var value)) return false;
        result = new LiteralExpr(value, expr.Type);
        return true;
    }
}
