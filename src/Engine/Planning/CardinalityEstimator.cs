using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Planning;

/// <summary>
/// Row-count estimates for ordering joins, choosing hash join build sides and EXPLAIN. Tables give their row count
/// (Parquet footers, catalog statistics); filters apply <see cref="Selectivity"/>; an equi-join keeps
/// |L| * |R| / ndv rows where ndv is the distinct-value bound of the join key (<see cref="ColumnDomains"/>): for a
/// key/foreign-key join that is the key table's row count, so the result is the foreign-key side times the key
/// side's filter selectivity. Joins ordered by <c>ReorderJoins</c> carry the estimate it computed with the whole
/// query's join graph. Every estimate is at least 1 and a join never exceeds the cross product.
/// </summary>
public static class CardinalityEstimator
{
    public const double UnknownTableRows = 1_000_000;

    public static double Rows(LogicalPlan plan) => plan switch
    {
        ScanNode s => Math.Max(1, (s.Source.EstimatedRowCount ?? UnknownTableRows) * Selectivity.OfConjuncts(s.Filters)),
        ValuesNode v => v.Rows.Count,
        FilterNode f => Math.Max(1, Rows(f.Input) * Selectivity.Of(f.Predicate)),
        ProjectNode p => Rows(p.Input),
        AggregateNode a => a.GroupBy.Count == 0 ? 1 : Math.Max(1, Rows(a.Input) * 0.1),
        JoinNode { JoinType: JoinType.LeftSemi } j => Math.Max(1, Rows(j.Left) * SemiJoinMatchFraction(j)),
        JoinNode { JoinType: JoinType.LeftAnti } j => Math.Max(1, Rows(j.Left) * 0.5),
        JoinNode { EstimatedRows: { } known } => known,
        JoinNode j => Join(j),
        SortNode s => Rows(s.Input),
        LimitNode { Limit: { } n } l => Math.Min(n, Rows(l.Input)),
        LimitNode l => Rows(l.Input),
        UnionNode u => u.Sources.Sum(Rows),
        SingleRowNode => 1,
        UnnestNode u => Rows(u.Input) * 10,
        SampleNode s => Rows(s.Input) * s.Ratio,
        WindowNode w => Rows(w.Input),
        RecursiveCteNode r => Rows(r.Anchor) * 10,
        WorkTableNode => 100,
        CteReferenceNode c => Rows(c.Input),
        _ => UnknownTableRows,
    };

    /// <summary>Inner, left, right or full join from its own inputs (no knowledge of the rest of the query).</summary>
    private static double Join(JoinNode join)
    {
        var left = Rows(join.Left);
        var right = Rows(join.Right);
        var cross = left * right;
        var inner = cross;
        if (join.Condition is not null)
        {
            var ndv = 0.0;
            var others = new List<double>();
            foreach (var conjunct in ExprUtil.SplitConjunction(join.Condition))
            {
                if (EquiColumns(conjunct) is { } pair && Sides(join, pair) is { } sides)
                {
                    ndv = Math.Max(ndv, Math.Min(ColumnDomains.Of(join.Left, sides.Left), ColumnDomains.Of(join.Right, sides.Right)));
                }
                else
                {
                    others.Add(Selectivity.Of(conjunct));
                }
            }
            var selectivity = others.Count == 0 ? 1 : Selectivity.Combine(others.ToArray());
            inner = cross * selectivity / Math.Max(1, ndv);
        }
        inner = Math.Clamp(inner, 1, Math.Max(1, cross));
        return join.JoinType switch
        {
            JoinType.Left => Math.Max(inner, left),
            JoinType.Right => Math.Max(inner, right),
            JoinType.Full => Math.Max(inner, left + right),
            _ => inner,
        };
    }

    /// <summary>
    /// Fraction of a semi join's left rows that find a match: with an equi-join key, the share of the key's domain the
    /// right side's rows can cover (containment: the right side's values are among the key's values); otherwise 1/2.
    /// </summary>
    private static double SemiJoinMatchFraction(JoinNode join)
    {
        if (join.Condition is null) return 0.5;
        foreach (var conjunct in ExprUtil.SplitConjunction(join.Condition))
        {
            if (EquiColumns(conjunct) is { } pair && Sides(join, pair) is { } sides)
            {
                return Math.Clamp(Rows(join.Right) / ColumnDomains.Of(join.Right, sides.Right), 1e-6, 1);
            }
        }
        return 0.5;
    }

    /// <summary>The two column ids of a <c>column = column</c> conjunct, or null.</summary>
    public static (int A, int B)? EquiColumns(PhysicalExpr conjunct) =>
        conjunct is BinaryExpr { Op: BinaryOp.Equal, Left: ColumnExpr a, Right: ColumnExpr b } && a.Index != b.Index ? (a.Index, b.Index) : null;

    private static (int Left, int Right)? Sides(JoinNode join, (int A, int B) pair)
    {
        if (ColumnDomains.Produces(join.Left, pair.A) && ColumnDomains.Produces(join.Right, pair.B)) return (pair.A, pair.B);
        if (ColumnDomains.Produces(join.Left, pair.B) && ColumnDomains.Produces(join.Right, pair.A)) return (pair.B, pair.A);
        return null;
    }
}
