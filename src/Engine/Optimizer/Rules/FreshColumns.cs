using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Optimizer.Rules;

/// <summary>
/// Hands out column ids that no node or expression of one plan uses yet, for rules that copy part of a plan (a copy
/// must not share ids with its original, because expressions find their columns by id).
/// </summary>
internal sealed class FreshColumns
{
    private int _next;

    public FreshColumns(LogicalPlan plan) => _next = MaxId(plan) + 1;

    /// <summary>A new column with <paramref name="original"/>'s name and type.</summary>
    public ColumnRef Copy(ColumnRef original) => new(_next++, original.Name, original.Type);

    private static int MaxId(LogicalPlan plan)
    {
        var max = -1;
        foreach (var c in plan.Output) max = Math.Max(max, c.Id);
        if (plan is ScanNode scan)
        {
            foreach (var c in scan.Columns) max = Math.Max(max, c.Id);
            foreach (var f in scan.Filters) max = Math.Max(max, MaxColumn(f));
        }
        if (plan is JoinNode { Condition: { } condition }) max = Math.Max(max, MaxColumn(condition));
        foreach (var input in plan.Inputs) max = Math.Max(max, MaxId(input));
        return max;
    }

    private static int MaxColumn(Expressions.PhysicalExpr expr)
    {
        var max = -1;
        foreach (var id in ExprUtil.Columns(expr)) max = Math.Max(max, id);
        return max;
    }
}
