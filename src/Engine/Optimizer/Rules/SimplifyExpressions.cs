using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Optimizer.Rules;

/// <summary>
/// Boolean simplification on filters: drops TRUE conjuncts, collapses AND/OR with constant operands, and removes
/// filters that are always true. Constant sub-expressions are folded by <see cref="ConstantFolder"/>.
/// </summary>
public sealed class SimplifyExpressions : IOptimizerRule
{
    public string Name => "simplify_expressions";

    public LogicalPlan Rewrite(LogicalPlan plan)
    {
        var inputs = plan.Inputs.Select(Rewrite).ToArray();
        if (inputs.Length > 0) plan = plan.WithInputs(inputs);
        switch (plan)
        {
            case FilterNode filter:
                {
                    var predicate = Simplify(filter.Predicate);
                    return ExprUtil.IsTrueLiteral(predicate) ? filter.Input : filter with { Predicate = predicate };
                }
            case ProjectNode project:
                return project with { Assignments = project.Assignments.Select(a => a with { Expr = ConstantFolder.Fold(a.Expr) }).ToArray() };
            case JoinNode { Condition: { } condition } join:
                {
                    var simplified = Simplify(condition);
                    return join with { Condition = ExprUtil.IsTrueLiteral(simplified) && join.JoinType == Execution.Plan.JoinType.Inner ? null : simplified };
                }
            default:
                return plan;
        }
    }

    public static PhysicalExpr Simplify(PhysicalExpr expr) => ExprUtil.Rewrite(ConstantFolder.Fold(expr), e => e switch
    {
        BinaryExpr { Op: BinaryOp.And } b when ExprUtil.IsTrueLiteral(b.Left) => b.Right,
        BinaryExpr { Op: BinaryOp.And } b when ExprUtil.IsTrueLiteral(b.Right) => b.Left,
        BinaryExpr { Op: BinaryOp.And, Left: LiteralExpr { Value: false } } => new LiteralExpr(false, DataType.Boolean),
        BinaryExpr { Op: BinaryOp.And, Right: LiteralExpr { Value: false } } => new LiteralExpr(false, DataType.Boolean),
        BinaryExpr { Op: BinaryOp.Or } b when ExprUtil.IsTrueLiteral(b.Left) || ExprUtil.IsTrueLiteral(b.Right) => new LiteralExpr(true, DataType.Boolean),
        BinaryExpr { Op: BinaryOp.Or, Left: LiteralExpr { Value: false } } b => b.Right,
        BinaryExpr { Op: BinaryOp.Or, Right: LiteralExpr { Value: false } } b => b.Left,
        NotExpr { Input: LiteralExpr { Value: bool v } } => new LiteralExpr(!v, DataType.Boolean),
        BinaryExpr { Op: BinaryOp.Or } b => FactorOr(b),
        _ => e,
    });

    /// <summary>
    /// (A AND B) OR (A AND C) => A AND (B OR C): pulls conjuncts common to every branch of a disjunction out of it,
    /// so that a join key repeated in each branch (TPC-H Q19) becomes an equi-join condition.
    /// </summary>
    private static PhysicalExpr FactorOr(BinaryExpr or)
    {
        var branches = new List<List<PhysicalExpr>>();
        CollectDisjuncts(or, branches);
        var common = branches[0].Where(c => branches.Skip(1).All(b => b.Contains(c, ExprEquality.Instance))).ToList();
        if (common.Count == 0) return or;
        PhysicalExpr? disjunction = null;
        foreach (var branch in branches)
        {
            var rest = branch.Where(c => !common.Contains(c, ExprEquality.Instance)).ToList();
            // A branch that is only common conjuncts makes the whole disjunction true given them.
            if (rest.Count == 0) return ExprUtil.Conjunction(common)!;
            var term = ExprUtil.Conjunction(rest)!;
            disjunction = disjunction is null ? term : new BinaryExpr(BinaryOp.Or, disjunction, term, DataType.Boolean);
        }
        return ExprUtil.Conjunction([.. common, disjunction!])!;
    }

    private static void CollectDisjuncts(PhysicalExpr e, List<List<PhysicalExpr>> into)
    {
        if (e is BinaryExpr { Op: BinaryOp.Or } b)
        {
            CollectDisjuncts(b.Left, into);
            CollectDisjuncts(b.Right, into);
        }
        else
        {
            into.Add(ExprUtil.SplitConjunction(e));
        }
    }
}
