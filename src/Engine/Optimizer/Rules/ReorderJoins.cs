using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Optimizer.Rules;

/// <summary>
/// Reorders trees of inner joins (FROM a, b, c ... WHERE ...): flattens them into inputs and conjuncts, builds a
/// <see cref="JoinGraph"/> and lets <see cref="JoinEnumerator"/> choose the tree with the smallest estimated
/// intermediate results (never a cross join where a predicate connects the inputs; the smaller input of each join on
/// its build side). Conjuncts over one input become a filter on it, conjuncts over none a filter on top. A projection
/// restores the original column order.
/// </summary>
public sealed class ReorderJoins : IOptimizerRule
{
    private const int MaxInputs = 64;

    public string Name => "reorder_joins";

    public LogicalPlan Rewrite(LogicalPlan plan)
    {
        if (plan is JoinNode { JoinType: JoinType.Inner } join)
        {
            var leaves = new List<LogicalPlan>();
            var conjuncts = new List<PhysicalExpr>();
            Flatten(join, leaves, conjuncts);
            if (leaves.Count <= MaxInputs && (leaves.Count > 2 || (leaves.Count == 2 && join.Condition is null)))
            {
                return Reorder(join, leaves, conjuncts);
            }
            return RewriteInputs(plan);
        }
        return RewriteInputs(plan);
    }

    private LogicalPlan RewriteInputs(LogicalPlan plan)
    {
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
        var local = leaves.Select(_ => new List<PhysicalExpr>()).ToArray();
        var joining = new List<PhysicalExpr>();
        var top = new List<PhysicalExpr>();
        foreach (var conjunct in conjuncts)
        {
            var columns = ExprUtil.Columns(conjunct);
            var owners = new List<int>();
            var covered = 0;
            for (var i = 0; i < leaves.Count; i++)
            {
                var shared = leafColumns[i].Count(columns.Contains);
                if (shared == 0) continue;
                owners.Add(i);
                covered += shared;
            }
            // Conjuncts over no input, or over columns from outside these inputs, apply above the joins.
            if (owners.Count == 0 || covered < columns.Count) top.Add(conjunct);
            else if (owners.Count == 1) local[owners[0]].Add(conjunct);
            else joining.Add(conjunct);
        }
        var filtered = new LogicalPlan[leaves.Count];
        for (var i = 0; i < leaves.Count; i++)
        {
            filtered[i] = ExprUtil.Conjunction(local[i]) is { } predicate ? new FilterNode(leaves[i], predicate) : leaves[i];
        }
        var current = JoinEnumerator.Enumerate(new JoinGraph(filtered, joining));
        if (ExprUtil.Conjunction(top) is { } rest) current = new FilterNode(current, rest);
        return new ProjectNode(current, original.Output.Select(c => new Assignment(c, c.ToExpr())).ToArray());
    }
}
