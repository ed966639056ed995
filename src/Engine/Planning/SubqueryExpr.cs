using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Planning;

public enum SubqueryKind
{
    /// <summary>A scalar subquery: its single column's value (null when it has no rows).</summary>
    Scalar,
    /// <summary>EXISTS (subquery).</summary>
    Exists,
}

/// <summary>
/// A subquery inside an expression, only in logical plans: decorrelation turns it into a join before physical
/// planning. Correlated references to outer columns appear inside <paramref name="Plan"/> as ordinary column ids
/// of the outer scope.
/// </summary>
public sealed record SubqueryExpr(SubqueryKind Kind, LogicalPlan Plan, DataType Type) : PhysicalExpr(Type);

/// <summary>x [NOT] IN (subquery), only in logical plans.</summary>
public sealed record InSubqueryExpr(PhysicalExpr Input, LogicalPlan Plan, bool Negated) : PhysicalExpr(DataType.Boolean);
