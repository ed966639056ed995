using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;

namespace QueryEngine.Engine.Planning;

/// <summary>
/// Lets string group keys of a hash aggregation stay dictionary-encoded from the scan into the group table. A key
/// qualifies when it is a plain string column that nothing else in the aggregation reads (no aggregate argument or
/// FILTER, no other key expression), and it reaches the aggregation from a scan through filters that do not read it and
/// projections that only pass it on. That scan is marked (<see cref="ScanExec.EncodedColumns"/>); every other operator
/// keeps receiving flat arrays.
/// </summary>
internal static class DictionaryKeyPlacement
{
    /// <summary><paramref name="aggregate"/>, with the scan feeding its qualifying keys marked (unchanged when none qualify).</summary>
    public static HashAggregateExec Apply(HashAggregateExec aggregate)
    {
        var candidates = new HashSet<int>();
        var readElsewhere = new HashSet<int>();
        foreach (var key in aggregate.GroupBy)
        {
            if (key is ColumnExpr column && column.Type.Id is TypeId.Utf8 or TypeId.Binary) candidates.Add(column.Index);
            else ExprUtil.CollectColumns(key, readElsewhere);
        }
        foreach (var call in aggregate.Aggregates)
        {
            foreach (var arg in call.Args) ExprUtil.CollectColumns(arg, readElsewhere);
            if (call.Filter is not null) ExprUtil.CollectColumns(call.Filter, readElsewhere);
        }
        candidates.ExceptWith(readElsewhere);
        if (candidates.Count == 0) return aggregate;
        return Into(aggregate.Input, candidates) is { } input ? aggregate with { Input = input } : aggregate;
    }

    /// <summary>The plan with its scan marked for <paramref name="columns"/> (output positions of <paramref name="plan"/>), or null.</summary>
    private static PhysicalPlan? Into(PhysicalPlan plan, HashSet<int> columns)
    {
        if (columns.Count == 0) return null;
        switch (plan)
        {
            case ScanExec scan when !scan.RowsOnly:
                {
                    var marked = new SortedSet<int>(scan.EncodedColumns);
                    foreach (var c in columns)
                    {
                        if (c < scan.Projection.Count && scan.Schema[c].Type.Id is TypeId.Utf8 or TypeId.Binary) marked.Add(c);
                    }
                    return marked.Count == scan.EncodedColumns.Count ? null : scan with { EncodedColumns = [.. marked] };
                }
            case FilterExec filter:
                {
                    var remaining = new HashSet<int>(columns);
                    remaining.ExceptWith(ExprUtil.Columns(filter.Predicate));
                    return Into(filter.Input, remaining) is { } input ? filter with { Input = input } : null;
                }
            case ProjectExec project:
                return Into(project.Input, PassedThrough(project, columns)) is { } projected ? project with { Input = projected } : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The input positions behind <paramref name="columns"/> that the projection only copies: every output reading
    /// such an input is a plain reference to it and is itself one of <paramref name="columns"/>.
    /// </summary>
    private static HashSet<int> PassedThrough(ProjectExec project, HashSet<int> columns)
    {
        var sources = new HashSet<int>();
        var readElsewhere = new HashSet<int>();
        for (var i = 0; i < project.Exprs.Count; i++)
        {
            if (project.Exprs[i] is ColumnExpr source && columns.Contains(i)) sources.Add(source.Index);
            else ExprUtil.CollectColumns(project.Exprs[i], readElsewhere);
        }
        sources.ExceptWith(readElsewhere);
        return sources;
    }
}
