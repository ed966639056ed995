using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Planning;

/// <summary>
/// Upper bounds on the number of distinct values of a column: the unfiltered row count of the relation that produces
/// it (a base table's count for a scanned column, the group count for the key of a one-key aggregation). Filters do
/// not lower the bound: joins estimate with the whole key domain, so that a filter on the key side of a
/// key/foreign-key join passes its selectivity on to the join (containment of value sets).
/// </summary>
public static class ColumnDomains
{
    /// <summary>Distinct-value bound of column <paramref name="columnId"/> of <paramref name="plan"/>'s output.</summary>
    public static double Of(LogicalPlan plan, int columnId)
    {
        while (true)
        {
            switch (plan)
            {
                case ScanNode scan:
                    return Math.Max(1, scan.Source.EstimatedRowCount ?? CardinalityEstimator.UnknownTableRows);
                case FilterNode or SortNode or LimitNode or SampleNode or SingleRowNode or CteReferenceNode:
                    plan = plan.Inputs[0];
                    continue;
                case ProjectNode project:
                    {
                        var source = FindAssignment(project, columnId);
                        if (source is not ColumnExpr passthrough) return CardinalityEstimator.Rows(plan);
                        plan = project.Input;
                        columnId = passthrough.Index;
                        continue;
                    }
                case JoinNode join:
                    plan = Produces(join.Left, columnId) ? join.Left : join.Right;
                    continue;
                default:
                    return Math.Max(1, CardinalityEstimator.Rows(plan));
            }
        }
    }

    /// <summary>Whether <paramref name="plan"/>'s output contains the column.</summary>
    public static bool Produces(LogicalPlan plan, int columnId)
    {
        foreach (var c in plan.Output)
        {
            if (c.Id == columnId) return true;
        }
        return false;
    }

    private static PhysicalExpr? FindAssignment(ProjectNode project, int columnId)
    {
        foreach (var a in project.Assignments)
        {
            if (a.Column.Id == columnId) return a.Expr;
        }
        return null;
    }
}
