using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Planning;

/// <summary>
/// Turns an optimized logical plan into physical plan records: column ids become positions, equi-join keys are
/// extracted from join conditions, the hash join's build side is chosen by estimated size, and Sort + Limit
/// becomes TopN.
/// </summary>
public static class PhysicalPlanner
{
    /// <summary>Plans <paramref name="plan"/>; the result produces exactly the logical output columns, in order.</summary>
    public static PhysicalPlan Plan(LogicalPlan plan)
    {
        var (physical, layout) = PlanNode(plan);
        return Reorder(physical, layout, plan.Output);
    }

    /// <summary>A physical plan and the logical column each of its output positions carries.</summary>
    private readonly record struct Planned(PhysicalPlan Plan, IReadOnlyList<ColumnRef> Layout);

    /// <summary>Rounds a WITH RECURSIVE query may take before it is stopped as runaway.</summary>
    public const int MaxRecursionRounds = 1000;

    private static Planned PlanNode(LogicalPlan plan)
    {
        switch (plan)
        {
            case ScanNode scan:
                {
                    var output = scan.Output;
                    var sourcePositions = new Dictionary<int, PhysicalExpr>();
                    for (var i = 0; i < scan.Columns.Count; i++) sourcePositions[scan.Columns[i].Id] = new ColumnExpr(i, scan.Columns[i].Type, scan.Columns[i].Name);
                    var outputMap = Positions(output);
                    var filters = scan.Filters.Select(f => Remap(f, outputMap)).ToArray();
                    var sourceFilters = scan.Filters.Select(f => ExprUtil.Substitute(f, sourcePositions)).ToArray();
                    var schema = SchemaOf(output);
                    return new Planned(new ScanExec(scan.TableName, scan.Source, scan.Projection, filters, sourceFilters, schema) { RowsOnly = scan.RowsOnly }, output);
                }
            case ValuesNode values:
                return new Planned(new ValuesExec(values.Rows, SchemaOf(values.Columns)), values.Columns);
            case FilterNode filter:
                {
                    var input = PlanNode(filter.Input);
                    return new Planned(new FilterExec(input.Plan, Remap(filter.Predicate, Positions(input.Layout))), input.Layout);
                }
            case ProjectNode project:
                {
                    var input = PlanNode(project.Input);
                    var map = Positions(input.Layout);
                    var exprs = project.Assignments.Select(a => Remap(a.Expr, map)).ToArray();
                    return new Planned(new ProjectExec(input.Plan, exprs, SchemaOf(project.Output)), project.Output);
                }
            case AggregateNode aggregate:
                {
                    var input = PlanNode(aggregate.Input);
                    var map = Positions(input.Layout);
                    var groups = aggregate.GroupBy.Select(g => Remap(g.Expr, map)).ToArray();
                    var calls = aggregate.Aggregates.Select(a => a.Call with
                    {
                        Args = a.Call.Args.Select(x => Remap(x, map)).ToArray(),
                        Filter = a.Call.Filter is null ? null : Remap(a.Call.Filter, map),
                    }).ToArray();
                    return new Planned(DictionaryKeyPlacement.Apply(new HashAggregateExec(input.Plan, groups, calls, SchemaOf(aggregate.Output))), aggregate.Output);
                }
            case JoinNode join:
                return PlanJoin(join);
            case SortNode sort:
                {
                    var input = PlanNode(sort.Input);
                    return new Planned(new SortExec(input.Plan, SortKeys(sort.Keys, input.Layout)), input.Layout);
                }
            case LimitNode { Input: SortNode sort, Limit: { } limit } limitNode:
                {
                    var input = PlanNode(sort.Input);
                    return new Planned(new TopNExec(input.Plan, SortKeys(sort.Keys, input.Layout), limit, limitNode.Offset), input.Layout);
                }
            case LimitNode limitNode:
                {
                    var input = PlanNode(limitNode.Input);
                    return new Planned(new LimitExec(input.Plan, limitNode.Offset, limitNode.Limit), input.Layout);
                }
            case UnionNode union:
                {
                    var inputs = union.Sources.Select(s =>
                    {
                        var p = PlanNode(s);
                        return Reorder(p.Plan, p.Layout, s.Output);
                    }).ToArray();
                    return new Planned(new UnionAllExec(inputs, SchemaOf(union.Columns)), union.Columns);
                }
            case RecursiveCteNode recursive:
                {
                    var anchor = PlanNode(recursive.Anchor);
                    var step = PlanNode(recursive.Step);
                    return new Planned(
                        new RecursiveUnionExec(
                            Reorder(anchor.Plan, anchor.Layout, recursive.Anchor.Output),
                            Reorder(step.Plan, step.Layout, recursive.Step.Output),
                            recursive.WorkTableId,
                            MaxRecursionRounds,
                            SchemaOf(recursive.Columns)),
                        recursive.Columns);
                }
            case CteReferenceNode { SpoolId: { } spoolId } shared:
                {
                    var input = PlanNode(shared.Input);
                    return new Planned(new SharedSpoolExec(input.Plan, spoolId, shared.Name, shared.Uses, input.Plan.Schema), input.Layout);
                }
            case CteReferenceNode inlined:
                return PlanNode(inlined.Input);
            case WorkTableNode workTable:
                return new Planned(new WorkTableScanExec(workTable.WorkTableId, SchemaOf(workTable.Columns)), workTable.Columns);
            case WindowNode window:
                {
                    var input = PlanNode(window.Input);
                    var map = Positions(input.Layout);
                    var calls = window.Functions.Select(f => f.Call with
                    {
                        Args = f.Call.Args.Select(a => Remap(a, map)).ToArray(),
                        Aggregate = f.Call.Aggregate is { } agg ? agg with
                        {
                            Args = agg.Args.Select(a => Remap(a, map)).ToArray(),
                            Filter = agg.Filter is null ? null : Remap(agg.Filter, map),
                        } : null,
                    }).ToArray();
                    var layout = input.Layout.Concat(window.Functions.Select(f => f.Column)).ToArray();
                    return new Planned(
                        new WindowExec(input.Plan, window.PartitionBy.Select(p => Remap(p, map)).ToArray(), SortKeys(window.OrderBy, input.Layout), calls, SchemaOf(layout)),
                        layout);
                }
            case SampleNode sample:
                {
                    var input = PlanNode(sample.Input);
                    return new Planned(new SampleExec(input.Plan, sample.System, sample.Ratio), input.Layout);
                }
            case UnnestNode unnest:
                {
                    var input = PlanNode(unnest.Input);
                    var map = Positions(input.Layout);
                    var layout = input.Layout.Concat(unnest.ElementColumns).Concat(unnest.Ordinality is null ? [] : [unnest.Ordinality]).ToArray();
                    return new Planned(
                        new UnnestExec(input.Plan, unnest.Expressions.Select(e => Remap(e, map)).ToArray(), unnest.Ordinality is not null, unnest.Outer, SchemaOf(layout)),
                        layout);
                }
            case SingleRowNode single:
                {
                    var input = PlanNode(single.Input);
                    return new Planned(new EnforceSingleRowExec(input.Plan), input.Layout);
                }
            default:
                throw new InternalException($"cannot plan {plan.GetType().Name} physically");
        }
    }

    private static Planned PlanJoin(JoinNode join)
    {
        var left = PlanNode(join.Left);
        var right = PlanNode(join.Right);
        var leftIds = join.Left.Output.Select(c => c.Id).ToHashSet();
        var rightIds = join.Right.Output.Select(c => c.Id).ToHashSet();

        var leftKeys = new List<PhysicalExpr>();
        var rightKeys = new List<PhysicalExpr>();
        var residual = new List<PhysicalExpr>();
        if (join.Condition is not null)
        {
            foreach (var conjunct in ExprUtil.SplitConjunction(join.Condition))
            {
                if (conjunct is BinaryExpr { Op: BinaryOp.Equal } eq)
                {
                    var l = ExprUtil.Columns(eq.Left);
                    var r = ExprUtil.Columns(eq.Right);
                    if (l.Count > 0 && r.Count > 0)
                    {
                        if (l.IsSubsetOf(leftIds) && r.IsSubsetOf(rightIds))
                        {
                            leftKeys.Add(eq.Left);
                            rightKeys.Add(eq.Right);
                            continue;
                        }
                        if (l.IsSubsetOf(rightIds) && r.IsSubsetOf(leftIds))
                        {
                            leftKeys.Add(eq.Right);
                            rightKeys.Add(eq.Left);
                            continue;
                        }
                    }
                }
                residual.Add(conjunct);
            }
        }

        var joinType = join.JoinType;
        // Build on the smaller side: the executor builds on the right input.
        if (leftKeys.Count > 0 && joinType is JoinType.Inner or JoinType.Left or JoinType.Right
            && CardinalityEstimator.Rows(join.Left) < CardinalityEstimator.Rows(join.Right) * 0.8)
        {
            (left, right) = (right, left);
            (leftKeys, rightKeys) = (rightKeys, leftKeys);
            joinType = joinType switch
            {
                JoinType.Left => JoinType.Right,
                JoinType.Right => JoinType.Left,
                _ => joinType,
            };
        }

        var semi = joinType is JoinType.LeftSemi or JoinType.LeftAnti;
        var combined = left.Layout.Concat(right.Layout).ToArray();
        var combinedMap = Positions(combined);
        var layout = semi ? left.Layout : combined;
        var schema = SchemaOf(layout);
        var filter = ExprUtil.Conjunction(residual) is { } f ? Remap(f, combinedMap) : null;
        if (leftKeys.Count == 0)
        {
            return new Planned(new NestedLoopJoinExec(left.Plan, right.Plan, joinType, filter, schema), layout);
        }
        var leftMap = Positions(left.Layout);
        var rightMap = Positions(right.Layout);
        var probeKeys = leftKeys.Select(k => Remap(k, leftMap)).ToArray();
        var buildKeys = rightKeys.Select(k => Remap(k, rightMap)).ToArray();
        var probe = left.Plan;
        DynamicFilterSource? dynamicFilter = null;
        for (var i = 0; i < probeKeys.Length && dynamicFilter is null; i++)
        {
            var key = new DynamicFilterKey();
            if (DynamicFilterPlacement.Attach(joinType, probe, probeKeys[i], buildKeys[i], key) is not { } filtered) continue;
            probe = filtered;
            dynamicFilter = new DynamicFilterSource(key, i);
        }
        return new Planned(
            new HashJoinExec(probe, right.Plan, joinType, probeKeys, buildKeys, filter, schema) { DynamicFilter = dynamicFilter },
            layout);
    }

    private static SortKey[] SortKeys(IReadOnlyList<LogicalSortKey> keys, IReadOnlyList<ColumnRef> layout)
    {
        var map = Positions(layout);
        return keys.Select(k => new SortKey(Remap(k.Expr, map), k.Ascending, k.NullsFirst)).ToArray();
    }

    /// <summary>Adds a projection when <paramref name="layout"/> differs from the wanted column order.</summary>
    private static PhysicalPlan Reorder(PhysicalPlan plan, IReadOnlyList<ColumnRef> layout, IReadOnlyList<ColumnRef> wanted)
    {
        if (layout.Count == wanted.Count && layout.Select(c => c.Id).SequenceEqual(wanted.Select(c => c.Id)))
        {
            var names = SchemaOf(wanted);
            return plan.Schema.Equals(names) ? plan : new ProjectExec(plan, Identity(layout), names);
        }
        var map = Positions(layout);
        var exprs = wanted.Select(c => Remap(c.ToExpr(), map)).ToArray();
        return new ProjectExec(plan, exprs, SchemaOf(wanted));
    }

    private static PhysicalExpr[] Identity(IReadOnlyList<ColumnRef> layout) =>
        layout.Select((c, i) => (PhysicalExpr)new ColumnExpr(i, c.Type, c.Name)).ToArray();

    private static Dictionary<int, int> Positions(IReadOnlyList<ColumnRef> layout)
    {
        var map = new Dictionary<int, int>(layout.Count);
        for (var i = 0; i < layout.Count; i++) map.TryAdd(layout[i].Id, i);
        return map;
    }

    private static PhysicalExpr Remap(PhysicalExpr expr, Dictionary<int, int> positions) =>
        ExprUtil.Rewrite(expr, e => e switch
        {
            ColumnExpr c => positions.TryGetValue(c.Index, out var p)
                ? new ColumnExpr(p, c.Type, c.Name)
                : throw new InternalException($"column {c.Name}#{c.Index} is not available here"),
            SubqueryExpr or InSubqueryExpr => throw new InternalException("subquery left in plan after decorrelation"),
            _ => e,
        });

    public static Schema SchemaOf(IReadOnlyList<ColumnRef> columns) => new(columns.Select(c => c.ToField()).ToArray());
}
