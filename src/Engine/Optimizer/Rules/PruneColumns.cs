using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Optimizer.Rules;

/// <summary>
/// Removes columns nobody reads: scans read only the referenced columns, projections and aggregations drop
/// unused outputs. The root keeps its full output.
/// </summary>
public sealed class PruneColumns : IOptimizerRule
{
    public string Name => "prune_columns";

    public LogicalPlan Rewrite(LogicalPlan plan) => Prune(plan, plan.Output.Select(c => c.Id).ToHashSet());

    private static LogicalPlan Prune(LogicalPlan plan, HashSet<int> required)
    {
        switch (plan)
        {
            case ScanNode scan:
                {
                    var needed = new HashSet<int>(required);
                    foreach (var f in scan.Filters) ExprUtil.CollectColumns(f, needed);
                    var projection = scan.Projection.Where(i => needed.Contains(scan.Columns[i].Id)).ToList();
                    // A scan must produce at least one column so that row counts survive; its values are not needed.
                    var rowsOnly = projection.Count == 0 && scan.Projection.Count > 0;
                    if (rowsOnly) projection.Add(scan.Projection[0]);
                    return scan with { Projection = projection, RowsOnly = rowsOnly };
                }
            case FilterNode filter:
                {
                    var needed = new HashSet<int>(required);
                    ExprUtil.CollectColumns(filter.Predicate, needed);
                    return filter with { Input = Prune(filter.Input, needed) };
                }
            case ProjectNode project:
                {
                    var kept = project.Assignments.Where(a => required.Contains(a.Column.Id)).ToList();
                    if (kept.Count == 0 && project.Assignments.Count > 0) kept.Add(project.Assignments[0]);
                    var needed = new HashSet<int>();
                    foreach (var a in kept) ExprUtil.CollectColumns(a.Expr, needed);
                    return new ProjectNode(Prune(project.Input, needed), kept);
                }
            case AggregateNode aggregate:
                {
                    var kept = aggregate.Aggregates.Where(a => required.Contains(a.Column.Id)).ToList();
                    if (kept.Count == 0 && aggregate.GroupBy.Count == 0 && aggregate.Aggregates.Count > 0) kept.Add(aggregate.Aggregates[0]);
                    var needed = new HashSet<int>();
                    foreach (var g in aggregate.GroupBy) ExprUtil.CollectColumns(g.Expr, needed);
                    foreach (var a in kept)
                    {
                        foreach (var arg in a.Call.Args) ExprUtil.CollectColumns(arg, needed);
                        if (a.Call.Filter is not null) ExprUtil.CollectColumns(a.Call.Filter, needed);
                    }
                    return new AggregateNode(Prune(aggregate.Input, needed), aggregate.GroupBy, kept);
                }
            case JoinNode join:
                {
                    var needed = new HashSet<int>(required);
                    if (join.Condition is not null) ExprUtil.CollectColumns(join.Condition, needed);
                    var left = needed.Where(id => join.Left.Output.Any(c => c.Id == id)).ToHashSet();
                    var right = needed.Where(id => join.Right.Output.Any(c => c.Id == id)).ToHashSet();
                    return join with { Left = Prune(join.Left, left), Right = Prune(join.Right, right) };
                }
            case SortNode sort:
                {
                    var needed = new HashSet<int>(required);
                    foreach (var k in sort.Keys) ExprUtil.CollectColumns(k.Expr, needed);
                    return sort with { Input = Prune(sort.Input, needed) };
                }
            case WindowNode window:
                {
                    var kept = window.Functions.Where(f => required.Contains(f.Column.Id)).ToList();
                    if (kept.Count == 0) return Prune(window.Input, required);
                    var needed = new HashSet<int>(required.Where(id => window.Input.Output.Any(c => c.Id == id)));
                    foreach (var p in window.PartitionBy) ExprUtil.CollectColumns(p, needed);
                    foreach (var k in window.OrderBy) ExprUtil.CollectColumns(k.Expr, needed);
                    foreach (var f in kept)
                    {
                        foreach (var a in f.Call.Args) ExprUtil.CollectColumns(a, needed);
                        if (f.Call.Aggregate is { } agg)
                        {
                            foreach (var a in agg.Args) ExprUtil.CollectColumns(a, needed);
                            if (agg.Filter is not null) ExprUtil.CollectColumns(agg.Filter, needed);
                        }
                    }
                    return window with { Input = Prune(window.Input, needed), Functions = kept };
                }
            case UnnestNode unnest:
                {
                    var needed = new HashSet<int>(required.Where(id => unnest.Input.Output.Any(c => c.Id == id)));
                    foreach (var e in unnest.Expressions) ExprUtil.CollectColumns(e, needed);
                    return unnest with { Input = Prune(unnest.Input, needed) };
                }
            case LimitNode or SingleRowNode:
                return plan.WithInputs([Prune(plan.Inputs[0], required)]);
            case UnionNode union:
                return union with { Sources = union.Sources.Select(s => Prune(s, s.Output.Select(c => c.Id).ToHashSet())).ToArray() };
            default:
                return plan.Inputs.Count == 0
                    ? plan
                    : plan.WithInputs(plan.Inputs.Select(i => Prune(i, i.Output.Select(c => c.Id).ToHashSet())).ToArray());
        }
    }
}
