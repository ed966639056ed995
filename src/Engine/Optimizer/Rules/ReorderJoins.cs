using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Optimizer.Rules;

/// <summary>
/// Reorders trees of inner joins (FROM a, b, c ... WHERE ...) into a left-deep tree that never introduces a cross
/// join where a join predicate exists: it starts from the largest input (the fact table, which then streams
/// through the probe side) and repeatedly joins the smallest input connected to what is joined so far.
/// Conjuncts are attached at the first join where all their columns are available. A projection restores the
/// original column order.
/// </summary>
public sealed class ReorderJoins : IOptimizerRule
{
    public string Name => "reorder_joins";

    public LogicalPlan Rewrite(LogicalPlan plan)
    {
        if (plan is JoinNode { JoinType: JoinType.Inner } join)
        {
            var leaves = new List<LogicalPlan>();
            var conjuncts = new List<PhysicalExpr>();
            Flatten(join, leaves, conjuncts);
            if (leaves.Count > 2 || (leaves.Count == 2 && join.Condition is null)) return Reorder(join, leaves, conjuncts);
        }
        var inputs = plan.Inputs.Select(Rewrite).ToArray();
        return inputs.Length == 0 ? plan : plan.WithInputs(inputs);
    }

    private void Flatten(LogicalPlan plan, List<LogicalPlan> leaves, List<PhysicalExpr> conjuncts)
    {
        if (plan is JoinNode { JoinType: JoinType.Inner } join)
        {
            Flatten(join.Left, leaves, conjuncts);
            Flatten(join.Right, leaves, conjuncts);
            if (join.Condition is not null) conjuncts.AddRange(ExprUtil.SplitConjunction(join.Condition));
            return;
        }
        leaves.Add(Rewrite(plan));
    }

    private static LogicalPlan Reorder(JoinNode original, List<LogicalPlan> leaves, List<PhysicalExpr> conjuncts)
    {
        var leafColumns = leaves.Select(l => l.Output.Select(c => c.Id).ToHashSet()).ToList();
        var rows = leaves.Select(CardinalityEstimator.Rows).ToList();
        var remaining = Enumerable.Range(0, leaves.Count).ToList();
        var pending = new List<PhysicalExpr>(conjuncts);

        var first = remaining.OrderByDescending(i => rows[i]).ThenBy(i => i).First();
        remaining.Remove(first);
        var current = leaves[first];
        var available = new HashSet<int>(leafColumns[first]);
        current = AttachLocal(current, available, pending);

        while (remaining.Count > 0)
        {
            var connected = remaining.Where(i => pending.Any(c => Connects(c, available, leafColumns[i]))).ToList();
            var candidates = connected.Count > 0 ? connected : remaining;
            var next = candidates.OrderBy(i => rows[i]).ThenBy(i => i).First();
            remaining.Remove(next);
            available.UnionWith(leafColumns[next]);
            var applicable = pending.Where(c => ExprUtil.Columns(c).IsSubsetOf(available)).ToList();
            foreach (var c in applicable) pending.Remove(c);
            current = new JoinNode(current, leaves[next], JoinType.Inner, ExprUtil.Conjunction(applicable));
        }
        if (ExprUtil.Conjunction(pending) is { } rest) current = new FilterNode(current, rest);
        return new ProjectNode(current, original.Output.Select(c => new Assignment(c, c.ToExpr())).ToArray());
    }

    /// <summary>Applies conjuncts that reference only the first input (e.g. constants) as a filter on it.</summary>
    private static LogicalPlan AttachLocal(LogicalPlan plan, HashSet<int> available, List<PhysicalExpr> pending)
    {
        var local = pending.Where(c => ExprUtil.Columns(c).IsSubsetOf(available)).ToList();
        foreach (var c in local) pending.Remove(c);
        return ExprUtil.Conjunction(local) is { } predicate ? new FilterNode(plan, predicate) : plan;
    }

    /// <summary>Whether a conjunct links the joined set with the candidate input (and needs nothing else).</summary>
    private static bool Connects(PhysicalExpr conjunct, HashSet<int> joined, HashSet<int> candidate)
    {
        var columns = ExprUtil.Columns(conjunct);
        var touchesJoined = false;
        var touchesCandidate = false;
        foreach (var id in columns)
        {
            if (joined.Contains(id)) touchesJoined = true;
            else if (candidate.Contains(id)) touchesCandidate = true;
            else return false;
        }
        return touchesJoined && touchesCandidate;
    }
}
