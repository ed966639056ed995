using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Planning;

/// <summary>Rough row-count estimates for choosing join build sides and for EXPLAIN.</summary>
public static class CardinalityEstimator
{
    private const double UnknownTableRows = 1_000_000;
    private const double FilterSelectivity = 0.25;

    public static double Rows(LogicalPlan plan) => plan switch
    {
        ScanNode s => (s.Source.EstimatedRowCount ?? UnknownTableRows) * Math.Pow(FilterSelectivity, Math.Min(s.Filters.Count, 3)),
        ValuesNode v => v.Rows.Count,
        FilterNode f => Rows(f.Input) * FilterSelectivity,
        ProjectNode p => Rows(p.Input),
        AggregateNode a => a.GroupBy.Count == 0 ? 1 : Math.Max(1, Rows(a.Input) * 0.1),
        JoinNode { JoinType: JoinType.LeftSemi or JoinType.LeftAnti } j => Rows(j.Left) * 0.5,
        JoinNode { Condition: null } j => Rows(j.Left) * Rows(j.Right),
        JoinNode j => Math.Max(Rows(j.Left), Rows(j.Right)),
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
        _ => UnknownTableRows,
    };
}
