using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Optimizer.Rules;

/// <summary>
/// Semi-join reduction of the inner side of decorrelated subqueries (a "magic set"): for a left, semi or anti join
/// with a conjunct <c>outer = inner</c>, inner rows whose key is not among the outer keys can never match, so the
/// scan that produces the inner key is semi-joined with a copy of the outer side's key values (see
/// <see cref="KeySetBuilder"/>) before it reaches aggregations and joins. Q17's <c>avg(l_quantity)</c> per part
/// then aggregates the lineitems of the few parts the outer filter keeps, not of all parts, and Q4's EXISTS hashes
/// the lineitems of the quarter's orders instead of all late lineitems. Applied only when the estimates say the key
/// set is filtered (at most half of its key domain) and small next to the inner scan (at most a quarter of its rows).
/// </summary>
public sealed class ReduceByOuterKeys : IOptimizerRule
{
    private const double FilteredKeySetFraction = 0.5;
    private const double SmallKeySetFraction = 0.25;

    public string Name => "reduce_by_outer_keys";

    public LogicalPlan Rewrite(LogicalPlan plan)
    {
        var builder = new KeySetBuilder(new FreshColumns(plan));
        return Visit(plan, builder);
    }

    private static LogicalPlan Visit(LogicalPlan plan, KeySetBuilder builder)
    {
        var inputs = plan.Inputs;
        if (inputs.Count > 0)
        {
            var rewritten = new LogicalPlan[inputs.Count];
            var changed = false;
            for (var i = 0; i < inputs.Count; i++)
            {
                rewritten[i] = Visit(inputs[i], builder);
                changed |= !ReferenceEquals(rewritten[i], inputs[i]);
            }
            if (changed) plan = plan.WithInputs(rewritten);
        }
        return plan is JoinNode { JoinType: JoinType.Left or JoinType.LeftSemi or JoinType.LeftAnti, Condition: { } } join
            ? Reduce(join, builder)
            : plan;
    }

    private static LogicalPlan Reduce(JoinNode join, KeySetBuilder builder)
    {
        foreach (var conjunct in ExprUtil.SplitConjunction(join.Condition!))
        {
            if (CardinalityEstimator.EquiColumns(conjunct) is not { } pair) continue;
            var (outer, inner) = ColumnDomains.Produces(join.Left, pair.A) && ColumnDomains.Produces(join.Right, pair.B) ? (pair.A, pair.B)
                : ColumnDomains.Produces(join.Left, pair.B) && ColumnDomains.Produces(join.Right, pair.A) ? (pair.B, pair.A)
                : (-1, -1);
            if (outer < 0) continue;
            if (builder.Build(join.Left, new HashSet<int> { outer }) is not { } keySet || !keySet.Columns.TryGetValue(outer, out var key)) continue;
            var keyRows = CardinalityEstimator.Rows(keySet.Plan);
            if (keyRows > ColumnDomains.Of(keySet.Plan, key.Id) * FilteredKeySetFraction) continue;
            if (Place(join.Right, inner, keySet.Plan, key, keyRows) is { } reduced) return join with { Right = reduced };
        }
        return join;
    }

    /// <summary>
    /// <paramref name="plan"/> with the scan that produces <paramref name="column"/> semi-joined with the key set,
    /// or null when that scan cannot be reached through operators that keep each row's key, or is not large enough
    /// next to the key set for the extra join to pay off.
    /// </summary>
    private static LogicalPlan? Place(LogicalPlan plan, int column, LogicalPlan keySet, ColumnRef key, double keyRows)
    {
        switch (plan)
        {
            case ScanNode scan:
                {
                    if (keyRows > CardinalityEstimator.Rows(scan) * SmallKeySetFraction) return null;
                    var scanned = scan.Output.First(c => c.Id == column);
                    if (!scanned.Type.Equals(key.Type)) return null;
                    var condition = new BinaryExpr(BinaryOp.Equal, scanned.ToExpr(), key.ToExpr(), DataType.Boolean);
                    return new JoinNode(scan, keySet, JoinType.LeftSemi, condition);
                }
            case FilterNode filter:
                return Place(filter.Input, column, keySet, key, keyRows) is { } f ? filter with { Input = f } : null;
            case ProjectNode project:
                {
                    var assignment = project.Assignments.FirstOrDefault(a => a.Column.Id == column);
                    if (assignment?.Expr is not ColumnExpr source) return null;
                    return Place(project.Input, source.Index, keySet, key, keyRows) is { } p ? project with { Input = p } : null;
                }
            case AggregateNode aggregate:
                {
                    var group = aggregate.GroupBy.FirstOrDefault(g => g.Column.Id == column);
                    if (group?.Expr is not ColumnExpr source) return null;
                    return Place(aggregate.Input, source.Index, keySet, key, keyRows) is { } a ? aggregate with { Input = a } : null;
                }
            case JoinNode { JoinType: JoinType.Inner } join:
                {
                    if (ColumnDomains.Produces(join.Left, column))
                    {
                        return Place(join.Left, column, keySet, key, keyRows) is { } l ? join with { Left = l } : null;
                    }
                    return Place(join.Right, column, keySet, key, keyRows) is { } r ? join with { Right = r } : null;
                }
            case JoinNode { JoinType: JoinType.Left or JoinType.LeftSemi or JoinType.LeftAnti } join when ColumnDomains.Produces(join.Left, column):
                return Place(join.Left, column, keySet, key, keyRows) is { } left ? join with { Left = left } : null;
            default:
                return null;
        }
    }
}
