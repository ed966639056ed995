using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Optimizer.Rules;

/// <summary>
/// An inner join condition that is an OR over both inputs, such as TPC-H Q7's
/// <c>(n1.name = 'FRANCE' AND n2.name = 'GERMANY') OR (n1.name = 'GERMANY' AND n2.name = 'FRANCE')</c>, still
/// implies a filter on each input when every disjunct has conjuncts over that input alone: here
/// <c>n1.name = 'FRANCE' OR n1.name = 'GERMANY'</c>. Such implied filters are put on the inputs (the condition stays as
/// it is), so that the next predicate pushdown takes them to the scans. Runs once: re-running would add them again.
/// </summary>
public sealed class DeriveDisjunctionFilters : IOptimizerRule
{
    public string Name => "derive_disjunction_filters";

    public LogicalPlan Rewrite(LogicalPlan plan)
    {
        var inputs = plan.Inputs;
        if (inputs.Count > 0)
        {
            var rewritten = new LogicalPlan[inputs.Count];
            for (var i = 0; i < rewritten.Length; i++) rewritten[i] = Rewrite(inputs[i]);
            plan = plan.WithInputs(rewritten);
        }
        if (plan is not JoinNode { JoinType: JoinType.Inner, Condition: { } condition } join) return plan;
        var leftIds = join.Left.Output.Select(c => c.Id).ToHashSet();
        var rightIds = join.Right.Output.Select(c => c.Id).ToHashSet();
        var toLeft = new List<PhysicalExpr>();
        var toRight = new List<PhysicalExpr>();
        foreach (var conjunct in ExprUtil.SplitConjunction(condition))
        {
            if (conjunct is not BinaryExpr { Op: BinaryOp.Or } || PushDownPredicates.ContainsSubquery(conjunct)) continue;
            var disjuncts = SplitDisjunction(conjunct);
            if (Implied(disjuncts, leftIds) is { } left) toLeft.Add(left);
            if (Implied(disjuncts, rightIds) is { } right) toRight.Add(right);
        }
        if (toLeft.Count == 0 && toRight.Count == 0) return plan;
        return join with
        {
            Left = ExprUtil.Conjunction(toLeft) is { } l ? new FilterNode(join.Left, l) : join.Left,
            Right = ExprUtil.Conjunction(toRight) is { } r ? new FilterNode(join.Right, r) : join.Right,
        };
    }

    /// <summary>OR over the disjuncts of each one's conjuncts on <paramref name="side"/> alone; null when a disjunct has none.</summary>
    private static PhysicalExpr? Implied(List<PhysicalExpr> disjuncts, HashSet<int> side)
    {
        PhysicalExpr? result = null;
        foreach (var disjunct in disjuncts)
        {
            var onSide = new List<PhysicalExpr>();
            foreach (var c in ExprUtil.SplitConjunction(disjunct))
            {
                var columns = ExprUtil.Columns(c);
                if (columns.Count > 0 && columns.IsSubsetOf(side)) onSide.Add(c);
            }
            if (ExprUtil.Conjunction(onSide) is not { } part) return null;
            result = result is null ? part : new BinaryExpr(BinaryOp.Or, result, part, DataType.Boolean);
        }
        return result;
    }

    private static List<PhysicalExpr> SplitDisjunction(PhysicalExpr expr)
    {
        var list = new List<PhysicalExpr>();
        Split(expr, list);
        return list;

        static void Split(PhysicalExpr e, List<PhysicalExpr> list)
        {
            if (e is BinaryExpr { Op: BinaryOp.Or } b)
            {
                Split(b.Left, list);
                Split(b.Right, list);
            }
            else
            {
                list.Add(e);
            }
        }
    }
}
