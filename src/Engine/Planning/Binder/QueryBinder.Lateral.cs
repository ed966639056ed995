using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Planning.Logical;
using QueryEngine.Engine.Sql.Ast;
using JoinType = QueryEngine.Engine.Execution.Plan.JoinType;

namespace QueryEngine.Engine.Planning.Binder;

/// <summary>
/// <c>left CROSS JOIN LATERAL (subquery)</c>, <c>left, LATERAL (subquery)</c> and <c>left JOIN LATERAL (...) ON c</c>: the
/// subquery sees the left side's columns and is decorrelated into ordinary joins (never run per row). Projections and
/// filters of the subquery move above a join with the left side; a global aggregation becomes an aggregation grouped by
/// the correlation keys, left-joined so every left row keeps exactly one row (a count over no rows is 0).
/// </summary>
public sealed partial class QueryBinder
{
    private static bool IsLateral(Relation relation) => relation is Lateral or AliasedRelation { Relation: Lateral };

    private BoundRelation BindLateralJoin(Sql.Ast.Join join, Scope? outer)
    {
        if (join.Type == Sql.Ast.JoinType.Left) return BindLeftLateralJoin(join, outer);
        if (join.Type is Sql.Ast.JoinType.Right or Sql.Ast.JoinType.Full) return BindOuterLateralJoin(join, outer);
        if (join.Type is not (Sql.Ast.JoinType.Cross or Sql.Ast.JoinType.Implicit or Sql.Ast.JoinType.Inner))
        {
            throw new NotSupportedQueryException($"{join.Type.ToString().ToUpperInvariant()} JOIN LATERAL is not supported; use CROSS JOIN LATERAL, JOIN LATERAL ... ON or LEFT JOIN LATERAL ... ON", join.Span);
        }
        var left = BindRelation(join.Left, outer);
        var right = BindRelation(join.Right, left.Scope);
        var leftIds = left.Plan.Output.Select(c => c.Id).ToHashSet();
        var plan = Decorrelate(left.Plan, right.Plan, leftIds, join.Right.Span);
        var scope = new Scope([.. left.Scope.Columns, .. right.Scope.Columns], outer);
        switch (join.Criteria)
        {
            case null:
                break;
            case JoinOn on:
                {
                    var condition = RequireBoolean(BindExpression(on.Condition, new ExprContext(scope, AllowSubqueries: false)), on.Condition, "JOIN condition");
                    if (!ExprUtil.IsTrueLiteral(condition)) plan = new FilterNode(plan, Coercion.To(condition, Columnar.DataType.Boolean));
                    break;
                }
            default:
                throw new SemanticException("JOIN LATERAL takes an ON condition, not USING or NATURAL", join.Span);
        }
        return new BoundRelation(plan, scope);
    }

    /// <summary>
    /// <c>left LEFT JOIN LATERAL (subquery) ON c</c>: every left row with each subquery row (for that left row) meeting
    /// <c>c</c>, or once with NULLs when there is none. The subquery's correlated filters join the ON condition of a left
    /// join; a correlated global aggregation (always one row per left row) takes <c>ON true</c>.
    /// </summary>
    private BoundRelation BindLeftLateralJoin(Sql.Ast.Join join, Scope? outer)
    {
        if (join.Criteria is not JoinOn on) throw new SemanticException("LEFT JOIN LATERAL takes an ON condition", join.Span);
        var left = BindRelation(join.Left, outer);
        var right = BindRelation(join.Right, left.Scope);
        var leftIds = left.Plan.Output.Select(c => c.Id).ToHashSet();
        var scope = new Scope([.. left.Scope.Columns, .. right.Scope.Columns], outer);
        var condition = RequireBoolean(BindExpression(on.Condition, new ExprContext(scope, AllowSubqueries: false)), on.Condition, "JOIN condition");
        var conjuncts = new List<PhysicalExpr>();
        if (!ExprUtil.IsTrueLiteral(condition)) conjuncts.Add(Coercion.To(condition, Columnar.DataType.Boolean));
        if (!ReferencesAny(right.Plan, leftIds))
        {
            return new BoundRelation(new JoinNode(left.Plan, right.Plan, JoinType.Left, ExprUtil.Conjunction(conjuncts)), scope);
        }
        if (HasGlobalAggregate(right.Plan))
        {
            if (conjuncts.Count > 0) throw new NotSupportedQueryException("LEFT JOIN LATERAL over a correlated global aggregation is supported with ON true only", on.Condition.Span);
            return new BoundRelation(Decorrelate(left.Plan, right.Plan, leftIds, join.Right.Span), scope);
        }
        var (inner, correlated, _) = PullUpCorrelated(right.Plan, leftIds);
        RequireDecorrelated(inner, leftIds, join.Right.Span);
        correlated.AddRange(conjuncts);
        return new BoundRelation(new JoinNode(left.Plan, inner, JoinType.Left, ExprUtil.Conjunction(correlated)), scope);
    }

    /// <summary>
    /// <c>left RIGHT|FULL JOIN LATERAL (subquery) ON c</c>, as Trino has it: allowed while the subquery does not reference
    /// the left side (then it is an ordinary outer join); a reference to a left column is an error at that reference.
    /// </summary>
    private BoundRelation BindOuterLateralJoin(Sql.Ast.Join join, Scope? outer)
    {
        var left = BindRelation(join.Left, outer);
        var leftOnly = new Scope(left.Scope.Columns, outer);
        var right = BindRelation(join.Right, leftOnly);
        if (leftOnly.FirstInnerReference is { } reference)
        {
            throw new SemanticException($"LATERAL reference not allowed in {join.Type.ToString().ToUpperInvariant()} JOIN", reference);
        }
        return BindJoinOf(join, left, right, outer);
    }

    /// <summary>Whether the plan is, under filters and projections, an aggregation without GROUP BY.</summary>
    private static bool HasGlobalAggregate(LogicalPlan plan) => plan switch
    {
        FilterNode f => HasGlobalAggregate(f.Input),
        ProjectNode p => HasGlobalAggregate(p.Input),
        AggregateNode a => a.GroupBy.Count == 0,
        _ => false,
    };

    /// <summary>A plan equal to "for every row of <paramref name="left"/>, that row joined with <paramref name="lateral"/>".</summary>
    private LogicalPlan Decorrelate(LogicalPlan left, LogicalPlan lateral, HashSet<int> leftIds, SourceSpan span)
    {
        if (!ReferencesAny(lateral, leftIds)) return new JoinNode(left, lateral, JoinType.Inner, null);
        switch (lateral)
        {
            case FilterNode filter:
                return new FilterNode(Decorrelate(left, filter.Input, leftIds, span), filter.Predicate);
            case ProjectNode project:
                {
                    var input = Decorrelate(left, project.Input, leftIds, span);
                    var assignments = left.Output.Select(c => new Assignment(c, c.ToExpr())).Concat(project.Assignments).ToList();
                    return new ProjectNode(input, assignments);
                }
            case AggregateNode aggregate when aggregate.GroupBy.Count > 0:
                {
                    var (inner, correlated, _) = PullUpCorrelated(aggregate, leftIds);
                    RequireDecorrelated(inner, leftIds, span);
                    return new JoinNode(left, inner, JoinType.Inner, ExprUtil.Conjunction(correlated));
                }
            case AggregateNode aggregate:
                return DecorrelateGlobalAggregate(left, aggregate, leftIds, span);
            default:
                throw new NotSupportedQueryException("this correlated LATERAL subquery shape is not supported (correlation is supported in WHERE, SELECT and below aggregations)", span);
        }
    }

    /// <summary>One aggregate row per left row: grouped by the correlation keys and left-joined; count-like results of unmatched rows become 0.</summary>
    private LogicalPlan DecorrelateGlobalAggregate(LogicalPlan left, AggregateNode aggregate, HashSet<int> leftIds, SourceSpan span)
    {
        var (inner, correlated, _) = PullUpCorrelated(aggregate, leftIds);
        if (inner is not AggregateNode grouped || CorrelationKey(correlated) is not { } key) throw new NotSupportedQueryException("this correlated LATERAL aggregation is not supported", span);
        var fresh = grouped.Aggregates.Select(a => a with { Column = NewColumn(a.Column.Name, a.Column.Type) }).ToList();
        var renamed = grouped with { Aggregates = fresh };
        RequireDecorrelated(renamed, leftIds, span);
        var joined = new JoinNode(left, renamed, JoinType.Left, ExprUtil.Conjunction(correlated));
        var assignments = left.Output.Select(c => new Assignment(c, c.ToExpr())).ToList();
        for (var i = 0; i < fresh.Count; i++)
        {
            var original = aggregate.Aggregates[i];
            PhysicalExpr value = fresh[i].Column.ToExpr();
            if (original.Call.Function is AggregateFunction.Count or AggregateFunction.CountStar or AggregateFunction.CountIf or AggregateFunction.ApproxDistinct)
            {
                value = new CaseExpr([new Expressions.WhenClause(new IsNullExpr(key, Negated: false), new LiteralExpr(0L, original.Column.Type))], value, original.Column.Type);
            }
            assignments.Add(new Assignment(original.Column, value));
        }
        return new ProjectNode(joined, assignments);
    }

    private static void RequireDecorrelated(LogicalPlan plan, HashSet<int> leftIds, SourceSpan span)
    {
        if (ReferencesAny(plan, leftIds)) throw new NotSupportedQueryException("this correlated LATERAL subquery shape is not supported", span);
    }
}
