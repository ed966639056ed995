using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Planning;

/// <summary>
/// Decides, right after binding, which WITH queries keep their <see cref="CteReferenceNode"/> markers so that their
/// result can be computed once (see <c>Optimizer/Rules/ShareCteResults</c>): those referenced more than once whose
/// plan is deterministic and does real work (an aggregation, a join or a window function). Every other marker is
/// removed and its reference stays an inlined copy, as Trino runs every CTE; inlined copies also keep predicates and
/// column pruning from the query around them, which a shared result cannot take.
/// </summary>
public static class CteSharing
{
    /// <summary><paramref name="plan"/> without the markers of WITH queries not worth sharing.</summary>
    public static LogicalPlan KeepWorthSharing(LogicalPlan plan)
    {
        var references = new Dictionary<int, int>();
        var unshareable = new HashSet<int>();
        Survey(plan, references, unshareable);
        var shared = new HashSet<int>();
        foreach (var (cte, count) in references)
        {
            if (count > 1 && !unshareable.Contains(cte)) shared.Add(cte);
        }
        return shared.Count == references.Count ? plan : Strip(plan, shared);
    }

    private static void Survey(LogicalPlan plan, Dictionary<int, int> references, HashSet<int> unshareable)
    {
        if (plan is CteReferenceNode reference)
        {
            references[reference.CteId] = references.GetValueOrDefault(reference.CteId) + 1;
            if (!IsDeterministic(reference.Input) || !DoesWork(reference.Input)) unshareable.Add(reference.CteId);
        }
        foreach (var input in plan.Inputs) Survey(input, references, unshareable);
    }

    private static LogicalPlan Strip(LogicalPlan plan, HashSet<int> shared)
    {
        var inputs = plan.Inputs;
        if (inputs.Count > 0)
        {
            var rewritten = new LogicalPlan[inputs.Count];
            var changed = false;
            for (var i = 0; i < inputs.Count; i++)
            {
                rewritten[i] = Strip(inputs[i], shared);
                changed |= !ReferenceEquals(rewritten[i], inputs[i]);
            }
            if (changed) plan = plan.WithInputs(rewritten);
        }
        return plan is CteReferenceNode reference && !shared.Contains(reference.CteId) ? reference.Input : plan;
    }

    /// <summary>Whether the plan has an aggregation, a join or a window function: work worth more than re-reading its result.</summary>
    private static bool DoesWork(LogicalPlan plan)
    {
        if (plan is AggregateNode or JoinNode or WindowNode) return true;
        foreach (var input in plan.Inputs)
        {
            if (DoesWork(input)) return true;
        }
        return false;
    }

    /// <summary>
    /// Whether every run of the plan gives the same rows (no random(), uuid(), now(), ..., lambdas or TABLESAMPLE) and
    /// its copies are alike (no WITH RECURSIVE inside: each copy has a work table of its own).
    /// </summary>
    public static bool IsDeterministic(LogicalPlan plan)
    {
        if (plan is SampleNode || plan is RecursiveCteNode or WorkTableNode) return false;
        foreach (var e in Expressions(plan))
        {
            if (!ExprUtil.IsDeterministic(e)) return false;
        }
        foreach (var input in plan.Inputs)
        {
            if (!IsDeterministic(input)) return false;
        }
        return true;
    }

    /// <summary>The expressions a node itself evaluates (not its inputs').</summary>
    private static IEnumerable<PhysicalExpr> Expressions(LogicalPlan plan) => plan switch
    {
        ScanNode s => s.Filters,
        ValuesNode v => v.Rows.SelectMany(r => r),
        FilterNode f => [f.Predicate],
        ProjectNode p => p.Assignments.Select(a => a.Expr),
        AggregateNode a => a.GroupBy.Select(g => g.Expr)
            .Concat(a.Aggregates.SelectMany(x => x.Call.Filter is null ? x.Call.Args : x.Call.Args.Append(x.Call.Filter))),
        JoinNode { Condition: { } condition } => [condition],
        SortNode s => s.Keys.Select(k => k.Expr),
        UnnestNode u => u.Expressions,
        WindowNode w => w.PartitionBy.Concat(w.OrderBy.Select(k => k.Expr)).Concat(w.Functions.SelectMany(f => f.Call.Args)),
        _ => [],
    };
}
