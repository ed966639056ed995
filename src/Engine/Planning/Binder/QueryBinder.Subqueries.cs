using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Planning.Logical;
using JoinType = QueryEngine.Engine.Execution.Plan.JoinType;

namespace QueryEngine.Engine.Planning.Binder;

/// <summary>
/// Subqueries become joins, so that nothing is re-executed per row: EXISTS / IN conjuncts become semi (anti)
/// joins, scalar subqueries become a left join with the subquery aggregated by its correlation keys (or a cross
/// join with a single row when uncorrelated). Correlated predicates are pulled out of the subquery's filters.
/// </summary>
public sealed partial class QueryBinder
{
    /// <summary>Plans the subqueries of a filter predicate; returns the new input and what remains to filter (null: nothing).</summary>
    private (LogicalPlan Plan, PhysicalExpr? Remaining) PlanPredicateSubqueries(LogicalPlan plan, PhysicalExpr predicate)
    {
        if (!ContainsSubquery(predicate)) return (plan, predicate);
        var remaining = new List<PhysicalExpr>();
        foreach (var conjunct in ExprUtil.SplitConjunction(predicate))
        {
            switch (conjunct)
            {
                case SubqueryExpr { Kind: SubqueryKind.Exists } exists:
                    plan = SemiJoin(plan, exists.Plan, null, anti: false);
                    break;
                case NotExpr { Input: SubqueryExpr { Kind: SubqueryKind.Exists } exists }:
                    plan = SemiJoin(plan, exists.Plan, null, anti: true);
                    break;
                case InSubqueryExpr inSubquery:
                    plan = SemiJoin(plan, inSubquery.Plan, inSubquery.Input, inSubquery.Negated);
                    break;
                case NotExpr { Input: InSubqueryExpr inSubquery }:
                    plan = SemiJoin(plan, inSubquery.Plan, inSubquery.Input, !inSubquery.Negated);
                    break;
                default:
                    {
                        var (newPlan, rewritten) = PlanScalarSubqueries(plan, conjunct);
                        plan = newPlan;
                        remaining.Add(rewritten);
                        break;
                    }
            }
        }
        return (plan, ExprUtil.Conjunction(remaining));
    }

    /// <summary>Replaces scalar subqueries in <paramref name="expr"/> by columns of joins added to <paramref name="plan"/>.</summary>
    private (LogicalPlan Plan, PhysicalExpr Expr) PlanScalarSubqueries(LogicalPlan plan, PhysicalExpr expr)
    {
        if (!ContainsSubquery(expr)) return (plan, expr);
        var current = plan;
        var rewritten = ExprUtil.Rewrite(expr, e =>
        {
            switch (e)
            {
                case SubqueryExpr { Kind: SubqueryKind.Scalar } scalar:
                    {
                        var value = scalar.Plan.Output[0];
                        var outerIds = current.Output.Select(c => c.Id).ToHashSet();
                        var (inner, correlated, aggregated) = PullUpCorrelated(scalar.Plan, outerIds);
                        if (correlated.Count == 0)
                        {
                            current = new JoinNode(current, new SingleRowNode(inner), JoinType.Inner, null);
                        }
                        else
                        {
                            if (!aggregated) throw new NotSupportedQueryException("correlated scalar subqueries without an aggregate are not supported yet");
                            current = new JoinNode(current, inner, JoinType.Left, ExprUtil.Conjunction(correlated));
                        }
                        return value.ToExpr();
                    }
                case SubqueryExpr or InSubqueryExpr:
                    throw new NotSupportedQueryException("EXISTS and IN subqueries are supported only as top-level conjuncts of WHERE or HAVING");
                default:
                    return e;
            }
        });
        return (current, rewritten);
    }

    private LogicalPlan SemiJoin(LogicalPlan plan, LogicalPlan subquery, PhysicalExpr? value, bool anti)
    {
        var outerIds = plan.Output.Select(c => c.Id).ToHashSet();
        var (inner, correlated, _) = PullUpCorrelated(subquery, outerIds);
        var conjuncts = new List<PhysicalExpr>(correlated);
        if (value is not null)
        {
            var column = subquery.Output[0].ToExpr();
            PhysicalExpr equal = new BinaryExpr(BinaryOp.Equal, value, column, DataType.Boolean);
            if (anti)
            {
                // NOT IN is null-aware: a null on either side means "unknown", which filters the row out.
                equal = new BinaryExpr(
                    BinaryOp.Or,
                    new BinaryExpr(BinaryOp.Or, equal, new IsNullExpr(value, Negated: false), DataType.Boolean),
                    new IsNullExpr(column, Negated: false),
                    DataType.Boolean);
            }
            conjuncts.Insert(0, equal);
        }
        return new JoinNode(plan, inner, anti ? JoinType.LeftAnti : JoinType.LeftSemi, ExprUtil.Conjunction(conjuncts));
    }

    /// <summary>
    /// Removes the conjuncts that reference <paramref name="outerIds"/> from the filters of a subquery plan and
    /// returns them; projections pass through the inner columns they need, and an aggregation below gains the
    /// correlation columns as group keys. Returns whether the correlation passed through an aggregation.
    /// </summary>
    private (LogicalPlan Plan, List<PhysicalExpr> Correlated, bool Aggregated) PullUpCorrelated(LogicalPlan plan, HashSet<int> outerIds)
    {
        switch (plan)
        {
            case FilterNode filter:
                {
                    var (input, correlated, aggregated) = PullUpCorrelated(filter.Input, outerIds);
                    var kept = new List<PhysicalExpr>();
                    foreach (var c in ExprUtil.SplitConjunction(filter.Predicate))
                    {
                        if (ExprUtil.Columns(c).Overlaps(outerIds)) correlated.Add(c);
                        else kept.Add(c);
                    }
                    var result = ExprUtil.Conjunction(kept) is { } p ? new FilterNode(input, p) : input;
                    return (result, correlated, aggregated);
                }
            case ProjectNode project:
                {
                    var (input, correlated, aggregated) = PullUpCorrelated(project.Input, outerIds);
                    if (correlated.Count == 0) return (project with { Input = input }, correlated, aggregated);
                    var assignments = project.Assignments.ToList();
                    var produced = assignments.Select(a => a.Column.Id).ToHashSet();
                    var available = input.Output.ToDictionary(c => c.Id);
                    foreach (var c in correlated)
                    {
                        foreach (var id in ExprUtil.Columns(c))
                        {
                            if (outerIds.Contains(id) || produced.Contains(id)) continue;
                            if (!available.TryGetValue(id, out var column)) throw new NotSupportedQueryException("this correlated subquery shape is not supported yet");
                            assignments.Add(new Assignment(column, column.ToExpr()));
                            produced.Add(id);
                        }
                    }
                    return (new ProjectNode(input, assignments), correlated, aggregated);
                }
            case AggregateNode aggregate:
                {
                    var (input, correlated, _) = PullUpCorrelated(aggregate.Input, outerIds);
                    if (correlated.Count == 0) return (aggregate with { Input = input }, correlated, true);
                    var groups = aggregate.GroupBy.ToList();
                    var lifted = new List<PhysicalExpr>();
                    foreach (var c in correlated)
                    {
                        if (c is not BinaryExpr { Op: BinaryOp.Equal } eq) throw new NotSupportedQueryException("only equality correlations are supported below an aggregation");
                        var leftOuter = ExprUtil.Columns(eq.Left).IsSubsetOf(outerIds);
                        var rightOuter = ExprUtil.Columns(eq.Right).IsSubsetOf(outerIds);
                        var (innerSide, outerSide) = leftOuter && !rightOuter ? (eq.Right, eq.Left)
                            : rightOuter && !leftOuter ? (eq.Left, eq.Right)
                            : throw new NotSupportedQueryException("only equality correlations between an inner and an outer column are supported below an aggregation");
                        var existing = groups.FirstOrDefault(g => ExprEquality.Instance.Equals(g.Expr, innerSide));
                        var key = existing?.Column ?? NewColumn(innerSide is ColumnExpr ce ? ce.Name : "_corr", innerSide.Type);
                        if (existing is null) groups.Add(new Assignment(key, innerSide));
                        lifted.Add(new BinaryExpr(BinaryOp.Equal, key.ToExpr(), outerSide, DataType.Boolean));
                    }
                    return (new AggregateNode(input, groups, aggregate.Aggregates), lifted, true);
                }
            default:
                if (ReferencesAny(plan, outerIds)) throw new NotSupportedQueryException("this correlated subquery shape is not supported yet");
                return (plan, [], false);
        }
    }

    private static bool ContainsSubquery(PhysicalExpr e) =>
        e is SubqueryExpr or InSubqueryExpr || ExprUtil.Children(e).Any(ContainsSubquery);

    /// <summary>Whether any expression in the plan reads one of <paramref name="ids"/>.</summary>
    private static bool ReferencesAny(LogicalPlan plan, HashSet<int> ids)
    {
        IEnumerable<PhysicalExpr> exprs = plan switch
        {
            ScanNode s => s.Filters,
            ValuesNode v => v.Rows.SelectMany(r => r),
            FilterNode f => [f.Predicate],
            ProjectNode p => p.Assignments.Select(a => a.Expr),
            AggregateNode a => a.GroupBy.Select(g => g.Expr).Concat(a.Aggregates.SelectMany(x => x.Call.Args.Concat(x.Call.Filter is null ? [] : [x.Call.Filter]))),
            JoinNode j => j.Condition is null ? [] : [j.Condition],
            SortNode s => s.Keys.Select(k => k.Expr),
            _ => [],
        };
        foreach (var e in exprs)
        {
            if (ExprUtil.Columns(e).Overlaps(ids)) return true;
        }
        return plan.Inputs.Any(i => ReferencesAny(i, ids));
    }
}
