using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;

namespace QueryEngine.Engine.Planning;

/// <summary>
/// Finds the scan that produces a hash join's probe key: down through filters, column-passing projections, the
/// probe (left) side of inner, left, semi and anti hash joins and the build (right) side of inner and right hash
/// joins, the operators whose output keeps the scanned column as it was read. Only there can rows without a matching
/// build key be dropped early. A nested join's build side runs only when the enclosing join probes, so after the
/// enclosing join has built and published (Q18: the 57 order keys of the IN subquery filter the orders scan under
/// the lineitem-orders join, whose own dynamic filter then carries them to the lineitem scan).
/// </summary>
internal static class DynamicFilterPlacement
{
    /// <summary>
    /// For an inner, semi or right hash join (probe rows without a match produce nothing) whose probe key
    /// <paramref name="probeKey"/> is a plain integer or date column of <paramref name="probe"/> of the build key's
    /// type: the probe plan with its scan filtered by <paramref name="key"/>; otherwise null.
    /// </summary>
    public static PhysicalPlan? Attach(JoinType joinType, PhysicalPlan probe, PhysicalExpr probeKey, PhysicalExpr buildKey, DynamicFilterKey key)
    {
        if (joinType is not (JoinType.Inner or JoinType.LeftSemi or JoinType.Right)) return null;
        if (probeKey is not ColumnExpr column || !probeKey.Type.Equals(buildKey.Type) || !DynamicFilterKey.Supports(probeKey.Type)) return null;
        return Into(probe, column.Index, key);
    }

    private static PhysicalPlan? Into(PhysicalPlan plan, int column, DynamicFilterKey key)
    {
        switch (plan)
        {
            case ScanExec scan when column < scan.Projection.Count:
                return scan with { DynamicFilters = [.. scan.DynamicFilters, new DynamicFilterTarget(key, column, scan.Projection[column])] };
            case FilterExec filter:
                return Into(filter.Input, column, key) is { } filtered ? filter with { Input = filtered } : null;
            case ProjectExec project when column < project.Exprs.Count && project.Exprs[column] is ColumnExpr source:
                return Into(project.Input, source.Index, key) is { } projected ? project with { Input = projected } : null;
            case HashJoinExec join when join.JoinType is JoinType.Inner or JoinType.Left or JoinType.LeftSemi or JoinType.LeftAnti
                && column < join.Left.Schema.Count:
                return Into(join.Left, column, key) is { } left ? join with { Left = left } : null;
            case HashJoinExec join when join.JoinType is JoinType.Inner or JoinType.Right
                && column >= join.Left.Schema.Count && column - join.Left.Schema.Count < join.Right.Schema.Count:
                return Into(join.Right, column - join.Left.Schema.Count, key) is { } right ? join with { Right = right } : null;
            default:
                return null;
        }
    }
}
