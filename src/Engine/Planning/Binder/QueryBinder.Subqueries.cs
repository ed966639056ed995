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
                            // Outer rows without a match see the aggregate over no rows: count is 0, not null.
                            if (EmptyAggregateValue(scalar.Plan) is { Value: not null } empty && CorrelationKey(correlated) is { } key)
                            {
                                return new CaseExpr([new WhenClause(new IsNullExpr(key, Negated: false), empty)], value.ToExpr(), value.Type);
                            }
                        }
                        return value.ToExpr();
                    }
                case SubqueryExpr { Kind: SubqueryKind.Exists } exists:
                    {
                        var (joined, matched) = ExistsAsValue(current, exists.Plan);
                        current = joined;
                        return matched;
                    }
                case InSubqueryExpr inSubquery:
                    {
                        var (joined, result) = InAsValue(current, inSubquery);
                        current = joined;
                        return result;
                    }
                default:
                    return e;
            }
        });
        return (current, rewritten);
    }

    /// <summary>
    /// EXISTS as a value: the subquery counted per correlation key (one row when uncorrelated) and left-joined, so the
    /// outer rows are neither duplicated nor dropped; EXISTS is "the count is above zero".
    /// </summary>
    private (LogicalPlan Plan, PhysicalExpr Matched) ExistsAsValue(LogicalPlan plan, LogicalPlan subquery)
    {
        var count = NewColumn("_exists", DataType.Int64);
        var counted = new AggregateNode(subquery, [], [new AggregateAssignment(count, new AggregateCall(AggregateFunction.CountStar, [], false, null, DataType.Int64))]);
        var joined = JoinCounted(plan, counted);
        var positive = new BinaryExpr(BinaryOp.Greater, count.ToExpr(), new LiteralExpr(0L, DataType.Int64), DataType.Boolean);
        return (joined, new CaseExpr([new WhenClause(new IsNullExpr(count.ToExpr(), Negated: false), new LiteralExpr(false, DataType.Boolean))], positive, DataType.Boolean));
    }

    /// <summary>
    /// x [NOT] IN (subquery) as a value, with SQL's three-valued logic. Two left joins of the (decorrelated) subquery:
    /// its distinct values matched against x, and its row and non-null counts per correlation key. The result is true
    /// on a match; false when the subquery is empty; otherwise null when x is null or the subquery has a null; else false.
    /// </summary>
    private (LogicalPlan Plan, PhysicalExpr Result) InAsValue(LogicalPlan plan, InSubqueryExpr inSubquery)
    {
        var subquery = inSubquery.Plan;
        var valueColumn = subquery.Output[0];
        var (x, v) = Coercion.Unify(inSubquery.Input, valueColumn.ToExpr(), default, "IN");

        // Distinct subquery values (per correlation key): at most one match per outer row.
        var distinctValue = NewColumn("_in_value", v.Type);
        var distinct = new AggregateNode(subquery, [new Assignment(distinctValue, v)], []);
        var outerIds = plan.Output.Select(c => c.Id).ToHashSet();
        var (distinctInner, distinctCorrelated, _) = PullUpCorrelated(distinct, outerIds);
        var matchCondition = new List<PhysicalExpr> { new BinaryExpr(BinaryOp.Equal, x, distinctValue.ToExpr(), DataType.Boolean) };
        matchCondition.AddRange(distinctCorrelated);
        var withMatch = new JoinNode(plan, distinctInner, JoinType.Left, ExprUtil.Conjunction(matchCondition));

        // Row and non-null counts of the subquery (per correlation key).
        var rows = NewColumn("_in_rows", DataType.Int64);
        var nonNull = NewColumn("_in_nonnull", DataType.Int64);
        var counts = new AggregateNode(subquery, [], [
            new AggregateAssignment(rows, new AggregateCall(AggregateFunction.CountStar, [], false, null, DataType.Int64)),
            new AggregateAssignment(nonNull, new AggregateCall(AggregateFunction.Count, [valueColumn.ToExpr()], false, null, DataType.Int64)),
        ]);
        var joined = JoinCounted(withMatch, counts);

        var zero = new LiteralExpr(0L, DataType.Int64);
        var unknown = new LiteralExpr(null, DataType.Boolean);
        PhysicalExpr result = new CaseExpr(
        [
            new WhenClause(new IsNullExpr(distinctValue.ToExpr(), Negated: true), new LiteralExpr(true, DataType.Boolean)),
            new WhenClause(new BinaryExpr(BinaryOp.Or, new IsNullExpr(rows.ToExpr(), Negated: false), new BinaryExpr(BinaryOp.Equal, rows.ToExpr(), zero, DataType.Boolean), DataType.Boolean), new LiteralExpr(false, DataType.Boolean)),
            new WhenClause(new IsNullExpr(x, Negated: false), unknown),
            new WhenClause(new BinaryExpr(BinaryOp.Less, nonNull.ToExpr(), rows.ToExpr(), DataType.Boolean), unknown),
        ], new LiteralExpr(false, DataType.Boolean), DataType.Boolean);
        if (inSubquery.Negated) result = new NotExpr(result);
        return (joined, result);
    }

    /// <summary>Joins an aggregation over a subquery: a single-row cross join when uncorrelated, else a left join on the correlation keys.</summary>
    private LogicalPlan JoinCounted(LogicalPlan plan, AggregateNode counted)
    {
        var outerIds = plan.Output.Select(c => c.Id).ToHashSet();
        var (inner, correlated, _) = PullUpCorrelated(counted, outerIds);
        return correlated.Count == 0
            ? new JoinNode(plan, new SingleRowNode(inner), JoinType.Inner, null)
            : new JoinNode(plan, inner, JoinType.Left, ExprUtil.Conjunction(correlated));
    }

    /// <summary>The inner column of the first lifted correlation (key = outer): null after the left join exactly when nothing matched.</summary>
    private static PhysicalExpr? CorrelationKey(List<PhysicalExpr> correlated) =>
        correlated.Count > 0 && correlated[0] is BinaryExpr { Op: BinaryOp.Equal, Left: ColumnExpr key } ? key : null;

    /// <summary>
    /// The value a scalar subquery over an aggregation has when the aggregation sees no rows: its output expression
    /// with count aggregates replaced by 0 and the others by null, folded to a constant; null when not a constant.
    /// </summary>
    private static LiteralExpr? EmptyAggregateValue(LogicalPlan subquery)
    {
        var output = subquery.Output[0];
        PhysicalExpr expr = output.ToExpr();
        var node = subquery;
        while (true)
        {
            switch (node)
            {
                case ProjectNode project:
                    {
                        var assignments = project.Assignments.ToDictionary(a => a.Column.Id, a => a.Expr);
                        expr = ExprUtil.Rewrite(expr, e => e is ColumnExpr c && assignments.TryGetValue(c.Index, out var source) ? source : e);
                        node = project.Input;
                        continue;
                    }
                case AggregateNode aggregate when aggregate.GroupBy.Count == 0:
                    {
                        var empty = aggregate.Aggregates.ToDictionary(
                            a => a.Column.Id,
                            a => (PhysicalExpr)(a.Call.Function is AggregateFunction.Count or AggregateFunction.CountStar or AggregateFunction.CountIf or AggregateFunction.ApproxDistinct
                                ? new LiteralExpr(0L, a.Column.Type)
                                : new LiteralExpr(null, a.Column.Type)));
                        var substituted = ExprUtil.Rewrite(expr, e => e is ColumnExpr c && empty.TryGetValue(c.Index, out var value) ? value : e);
                        return ConstantFolder.Fold(substituted) as LiteralExpr;
                    }
                default:
                    return null;
            }
        }
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
            UnnestNode u => u.Expressions,
            _ => [],
        };
        foreach (var e in exprs)
        {
            if (ExprUtil.Columns(e).Overlaps(ids)) return true;
        }
        return plan.Inputs.Any(i => ReferencesAny(i, ids));
    }
}
