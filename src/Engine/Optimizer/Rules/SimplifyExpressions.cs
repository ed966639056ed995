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
        _ => e,
    });
}
