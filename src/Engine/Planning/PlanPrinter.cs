using System.Globalization;
using System.Text;
using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Planning;

/// <summary>Indented text of a logical plan with estimated rows, for EXPLAIN and golden-plan tests.</summary>
public static class PlanPrinter
{
    public static string Print(LogicalPlan plan)
    {
        var sb = new StringBuilder();
        Append(sb, plan, 0, []);
        return sb.ToString();
    }

    /// <param name="printedSpools">Shared CTE results already printed: later references show one line, not the plan again.</param>
    private static void Append(StringBuilder sb, LogicalPlan plan, int depth, HashSet<int> printedSpools)
    {
        var repeated = plan is CteReferenceNode { SpoolId: { } spool } && !printedSpools.Add(spool);
        sb.Append(' ', depth * 2).Append(Describe(plan));
        if (repeated) sb.Append(": computed once, rows of the first use");
        sb.Append(CultureInfo.InvariantCulture, $" [rows~{CardinalityEstimator.Rows(plan):0}]").Append('\n');
        if (repeated) return;
        foreach (var input in plan.Inputs) Append(sb, input, depth + 1, printedSpools);
    }

    /// <summary>For a partitioned table: <c> partitions: selected/total</c> (<c>selected (projected)</c> with partition projection).</summary>
    private static string Partitions(ScanNode scan)
    {
        if (scan.Source is not Catalog.IPartitionedSource partitioned) return "";
        var selection = partitioned.SelectPartitions(scan.Filters);
        return selection.Total is { } total
            ? string.Create(CultureInfo.InvariantCulture, $" partitions: {selection.Selected}/{total}")
            : string.Create(CultureInfo.InvariantCulture, $" partitions: {selection.Selected} (projected)");
    }

    /// <summary>For a bucketed table whose filters pin the bucket columns: <c> buckets: selected/count</c>.</summary>
    private static string Buckets(ScanNode scan)
    {
        if (scan.Source is not Catalog.IBucketedSource { Bucketing: { } bucketing } || bucketing.Select(scan.Filters) is not { } selection) return "";
        return string.Create(CultureInfo.InvariantCulture, $" buckets: {selection.Kept}/{selection.Count}");
    }

    public static string Describe(LogicalPlan plan) => plan switch
    {
        ScanNode s => $"Scan {s.TableName} [{string.Join(", ", s.Output.Select(c => c.Name))}]"
            + (s.RowsOnly ? s.Source is Formats.Parquet.Reading.ParquetTableSource ? " rows from footers" : " rows only" : "")
            + (s.Filters.Count == 0 ? "" : " filters: " + string.Join(" AND ", s.Filters.Select(ExprPrinter.Print)))
            + Partitions(s)
            + Buckets(s),
        ValuesNode v => $"Values {v.Rows.Count} rows",
        FilterNode f => "Filter " + ExprPrinter.Print(f.Predicate),
        ProjectNode p => "Project " + string.Join(", ", p.Assignments.Select(a =>
            a.Expr is Expressions.ColumnExpr c && c.Name == a.Column.Name ? a.Column.Name : $"{a.Column.Name} := {ExprPrinter.Print(a.Expr)}")),
        AggregateNode a => "Aggregate"
            + (a.GroupBy.Count == 0 ? "" : " group by " + string.Join(", ", a.GroupBy.Select(g => ExprPrinter.Print(g.Expr))))
            + (a.Aggregates.Count == 0 ? "" : " computing " + string.Join(", ", a.Aggregates.Select(x => $"{x.Column.Name} := {ExprPrinter.Print(x.Call)}"))),
        JoinNode j => $"Join {j.JoinType}" + (j.Condition is null ? "" : " on " + ExprPrinter.Print(j.Condition)),
        SortNode s => "Sort " + string.Join(", ", s.Keys.Select(k => ExprPrinter.Print(k.Expr) + (k.Ascending ? " ASC" : " DESC") + (k.NullsFirst ? " NULLS FIRST" : " NULLS LAST"))),
        LimitNode l => "Limit" + (l.Offset > 0 ? $" offset {l.Offset}" : "") + (l.Limit is { } n ? $" {n}" : ""),
        UnionNode u => $"Union All ({u.Sources.Count} inputs)",
        SingleRowNode => "EnforceSingleRow",
        SampleNode s => (s.System ? "Sample system " : "Sample bernoulli ") + s.Ratio.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        UnnestNode u => (u.Outer ? "Unnest outer " : "Unnest ") + string.Join(", ", u.Expressions.Select(ExprPrinter.Print))
            + (u.Ordinality is null ? "" : " with ordinality"),
        RecursiveCteNode r => $"RecursiveUnion (work table {r.WorkTableId})",
        CteReferenceNode { SpoolId: not null } c => string.Create(CultureInfo.InvariantCulture, $"Shared {c.Name} ({c.Uses} uses)"),
        CteReferenceNode c => $"With {c.Name}",
        WorkTableNode w => $"WorkTable {w.WorkTableId} [{string.Join(", ", w.Columns.Select(c => c.Name))}]",
        WindowNode w => "Window"
            + (w.PartitionBy.Count == 0 ? "" : " partition by " + string.Join(", ", w.PartitionBy.Select(ExprPrinter.Print)))
            + (w.OrderBy.Count == 0 ? "" : " order by " + string.Join(", ", w.OrderBy.Select(k => ExprPrinter.Print(k.Expr) + (k.Ascending ? "" : " DESC"))))
            + " computing " + string.Join(", ", w.Functions.Select(f => $"{f.Column.Name} := {f.Call.Function}")),
        _ => plan.GetType().Name,
    };
}
