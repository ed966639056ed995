using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Expressions;

/// <summary>
/// A bound, fully typed expression over the columns of one input schema, as the executor evaluates it.
/// The binder guarantees: comparison operands share one type; arithmetic result types follow Trino
/// (see <see cref="TypeRules"/>); function arguments already have the types their signature takes.
/// Evaluation is per batch (<c>ExpressionEvaluator</c>), never per row through this tree.
/// </summary>
public abstract record PhysicalExpr(DataType Type);

/// <summary>Column <paramref name="Index"/> of the input batch.</summary>
public sealed record ColumnExpr(int Index, DataType Type, string Name) : PhysicalExpr(Type);

/// <summary>A constant, boxed in the representation <see cref="DataType"/> documents; null is SQL NULL.</summary>
public sealed record LiteralExpr(object? Value, DataType Type) : PhysicalExpr(Type);

public enum BinaryOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    /// <summary>IS DISTINCT FROM: never null.</summary>
    Distinct,
    /// <summary>IS NOT DISTINCT FROM: never null.</summary>
    NotDistinct,
    /// <summary>Three-valued AND.</summary>
    And,
    /// <summary>Three-valued OR.</summary>
    Or,
    /// <summary>String concatenation (||).</summary>
    Concat,
}

/// <summary>
/// Arithmetic (numeric operands; decimal operands may differ in scale, the result type says what to produce;
/// date + integer days is not here: the binder uses functions for date arithmetic), comparison (same-type
/// operands, boolean result), logic (boolean operands) and concatenation (utf8).
/// </summary>
public sealed record BinaryExpr(BinaryOp Op, PhysicalExpr Left, PhysicalExpr Right, DataType Type) : PhysicalExpr(Type);

public sealed record NotExpr(PhysicalExpr Input) : PhysicalExpr(DataType.Boolean);

public sealed record NegateExpr(PhysicalExpr Input) : PhysicalExpr(Input.Type);

/// <summary>IS NULL, or IS NOT NULL when negated; never null itself.</summary>
public sealed record IsNullExpr(PhysicalExpr Input, bool Negated) : PhysicalExpr(DataType.Boolean);

/// <summary>CAST (errors on bad input, naming the value) or TRY_CAST (null on bad input).</summary>
public sealed record CastExpr(PhysicalExpr Input, DataType Type, bool IsTry) : PhysicalExpr(Type);

public sealed record WhenClause(PhysicalExpr Condition, PhysicalExpr Result);

/// <summary>Searched CASE (the binder rewrites simple CASE into this). Every result has <see cref="PhysicalExpr.Type"/>.</summary>
public sealed record CaseExpr(IReadOnlyList<WhenClause> Whens, PhysicalExpr? Else, DataType Type) : PhysicalExpr(Type);

/// <summary>x [NOT] IN (list): list items have the input's type; SQL null semantics.</summary>
public sealed record InListExpr(PhysicalExpr Input, IReadOnlyList<PhysicalExpr> List, bool Negated) : PhysicalExpr(DataType.Boolean);

/// <summary>x [NOT] LIKE pattern [ESCAPE e]; utf8 operands.</summary>
public sealed record LikeExpr(PhysicalExpr Input, PhysicalExpr Pattern, PhysicalExpr? Escape, bool Negated) : PhysicalExpr(DataType.Boolean);

/// <summary>A scalar function resolved by <see cref="FunctionRegistry"/>; <paramref name="Name"/> is its canonical name.</summary>
public sealed record ScalarFunctionExpr(string Name, IReadOnlyList<PhysicalExpr> Args, DataType Type) : PhysicalExpr(Type);

/// <summary>A parameter of an enclosing <see cref="LambdaExpr"/>, by the id the binder gave it.</summary>
public sealed record LambdaVariableExpr(int Id, DataType Type, string Name) : PhysicalExpr(Type);

/// <summary>
/// <c>(x, y) -> body</c>, only as an argument of a higher-order function (transform, filter, reduce, ...), which
/// evaluates <paramref name="Body"/> over whole columns of elements. The body reads the parameters as
/// <see cref="LambdaVariableExpr"/>s and may read columns of the enclosing row.
/// </summary>
public sealed record LambdaExpr(IReadOnlyList<LambdaVariableExpr> Parameters, PhysicalExpr Body) : PhysicalExpr(Body.Type);
