using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Optimizer.Rules;

/// <summary>
/// Moves filter conjuncts as close to the scans as semantics allow: through projections (substituting),
/// sorts, unions and aggregations (conjuncts on group keys), into join inputs and join conditions (a cross join
/// with an equality becomes an inner join), and finally into the scan's filters.
/// </summary>
public sealed class PushDownPredicates : IOptimizerRule
{
    public string Name => "push_down_predicates";

    public LogicalPlan Rewrite(LogicalPlan plan) => Push(plan, []);

    /// <summary>Rewrites <paramref name="plan"/> with <paramref name="pending"/> conjuncts (over its output) applied on top.</summary>
    private static LogicalPlan Push(LogicalPlan plan, List<PhysicalExpr> pending)
    {
        switch (plan)
        {
            case FilterNode filter:
                {
                    var all = new List<PhysicalExpr>(pending);
                    foreach (var c in ExprUtil.SplitConjunction(filter.Predicate))
                    {
                        if (!ContainsSubquery(c)) all.Add(c);
                        else return Wrap(filter with { Input = Push(filter.Input, []) }, pending);
                    }
                    return Push(filter.Input, all);
                }
            case ScanNode scan:
                {
                    if (pending.Count == 0) return scan;
                    var filters = scan.Filters.Concat(pending).ToArray();
                    return scan with { Filters = filters };
                }
            case ProjectNode project:
                {
                    var map = new Dictionary<int, PhysicalExpr>();
                    foreach (var a in project.Assignments) map[a.Column.Id] = a.Expr;
                    var below = new List<PhysicalExpr>();
                    var above = new List<PhysicalExpr>();
                    foreach (var c in pending)
                    {
                        var substituted = ExprUtil.Substitute(c, map);
                        if (ContainsSubquery(substituted)) above.Add(c);
                        else below.Add(substituted);
                    }
                    return Wrap(project with { Input = Push(project.Input, below) }, above);
                }
            case SortNode sort:
                return sort with { Input = Push(sort.Input, pending) };
            case AggregateNode aggregate:
                {
                    var groupMap = new Dictionary<int, PhysicalExpr>();
                    foreach (var g in aggregate.GroupBy) groupMap[g.Column.Id] = g.Expr;
                    var below = new List<PhysicalExpr>();
                    var above = new List<PhysicalExpr>();
                    foreach (var c in pending)
                    {
                        var cols = ExprUtil.Columns(c);
                        if (aggregate.GroupBy.Count > 0 && cols.All(groupMap.ContainsKey)) below.Add(ExprUtil.Substitute(c, groupMap));
                        else above.Add(c);
                    }
                    return Wrap(aggregate with { Input = Push(aggregate.Input, below) }, above);
                }
            case UnionNode union:
                {
                    var sources = new LogicalPlan[union.Sources.Count];
                    for (var i = 0; i < sources.Length; i++)
                    {
                        var source = union.Sources[i];
                        var map = new Dictionary<int, PhysicalExpr>();
                        for (var j = 0; j < union.Columns.Count; j++) map[union.Columns[j].Id] = source.Output[j].ToExpr();
                        sources[i] = Push(source, pending.Select(c => ExprUtil.Substitute(c, map)).ToList());
                    }
                    return union with { Sources = sources };
                }
            case JoinNode join:
                return PushJoin(join, pending);
            case UnnestNode unnest:
                {
                    // Conjuncts over the input's columns only hold for all of a row's expansions: filter before expanding.
                    var inputIds = unnest.Input.Output.Select(c => c.Id).ToHashSet();
                    var below = pending.Where(c => ExprUtil.Columns(c).IsSubsetOf(inputIds)).ToList();
                    var above = pending.Where(c => !below.Contains(c)).ToList();
                    return Wrap(unnest with { Input = Push(unnest.Input, below) }, above);
                }
            default:
                {
                    var inputs = plan.Inputs.Select(i => Push(i, [])).ToArray();
                    return Wrap(inputs.Length == 0 ? plan : plan.WithInputs(inputs), pending);
                }
        }
    }

    private static LogicalPlan PushJoin(JoinNode join, List<PhysicalExpr> pending)
    {
        var leftIds = join.Left.Output.Select(c => c.Id).ToHashSet();
        var rightIds = join.Right.Output.Select(c => c.Id).ToHashSet();
        var toLeft = new List<PhysicalExpr>();
        var toRight = new List<PhysicalExpr>();
        var toCondition = new List<PhysicalExpr>();
        var above = new List<PhysicalExpr>();
        var type = join.JoinType;

        // Conjuncts from above the join.
        foreach (var c in pending)
        {
            var cols = ExprUtil.Columns(c);
            var onlyLeft = cols.IsSubsetOf(leftIds);
            var onlyRight = cols.IsSubsetOf(rightIds) && cols.Count > 0;
            switch (type)
            {
                case JoinType.Inner:
                    if (onlyLeft) toLeft.Add(c);
                    else if (onlyRight) toRight.Add(c);
                    else toCondition.Add(c);
                    break;
                case JoinType.Left or JoinType.LeftSemi or JoinType.LeftAnti:
                    if (onlyLeft) toLeft.Add(c);
                    else above.Add(c);
                    break;
                case JoinType.Right:
                    if (onlyRight) toRight.Add(c);
                    else above.Add(c);
                    break;
                default:
                    above.Add(c);
                    break;
            }
        }

        // Conjuncts of the join's own condition.
        if (join.Condition is not null)
        {
            foreach (var c in ExprUtil.SplitConjunction(join.Condition))
            {
                if (ContainsSubquery(c))
                {
                    toCondition.Add(c);
                    continue;
                }
                var cols = ExprUtil.Columns(c);
                var onlyLeft = cols.IsSubsetOf(leftIds) && cols.Count > 0;
                var onlyRight = cols.IsSubsetOf(rightIds) && cols.Count > 0;
                // ON conjuncts may filter the inputs only on the side whose unmatched rows are not preserved.
                if (onlyLeft && type is JoinType.Inner or JoinType.Right) toLeft.Add(c);
                else if (onlyRight && type is JoinType.Inner or JoinType.Left or JoinType.LeftSemi or JoinType.LeftAnti) toRight.Add(c);
                else toCondition.Add(c);
            }
        }

        var left = Push(join.Left, toLeft);
        var right = Push(join.Right, toRight);
        var condition = ExprUtil.Conjunction(toCondition);
        return Wrap(new JoinNode(left, right, type, condition), above);
    }

    private static LogicalPlan Wrap(LogicalPlan plan, List<PhysicalExpr> conjuncts) =>
        ExprUtil.Conjunction(conjuncts) is { } predicate ? new FilterNode(plan, predicate) : plan;

    internal static bool ContainsSubquery(PhysicalExpr e) =>
        e is SubqueryExpr or InSubqueryExpr || ExprUtil.Children(e).Any(ContainsSubquery);
}
