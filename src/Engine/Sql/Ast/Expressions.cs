namespace QueryEngine.Engine.Sql.Ast;

/// <summary><c>left op right</c> for + - * / %.</summary>
public sealed record ArithmeticBinaryExpression(ArithmeticOperator Operator, Expression Left, Expression Right) : Expression;

/// <summary>Unary <c>-x</c> / <c>+x</c>. A minus directly before a numeric literal is folded into the literal.</summary>
public sealed record ArithmeticUnaryExpression(UnarySign Sign, Expression Value) : Expression;

public sealed record ComparisonExpression(ComparisonOperator Operator, Expression Left, Expression Right) : Expression;

/// <summary><c>left IS [NOT] DISTINCT FROM right</c>.</summary>
public sealed record IsDistinctFromExpression(Expression Left, Expression Right, bool Negated) : Expression;

/// <summary>
/// N-ary AND / OR: an unparenthesized chain <c>a AND b AND c</c> is one node with three terms (always at least two).
/// A parenthesized operand stays a nested node, so <c>(a AND b) AND c</c> round-trips as written.
/// </summary>
public sealed record LogicalExpression(LogicalOperator Operator, IReadOnlyList<Expression> Terms) : Expression;

public sealed record NotExpression(Expression Value) : Expression;

/// <summary><c>value IS [NOT] NULL</c>.</summary>
public sealed record IsNullPredicate(Expression Value, bool Negated) : Expression;

/// <summary><c>value [NOT] BETWEEN min AND max</c>.</summary>
public sealed record BetweenPredicate(Expression Value, Expression Min, Expression Max, bool Negated) : Expression;

/// <summary><c>value [NOT] IN (v1, v2, ...)</c>.</summary>
public sealed record InListExpression(Expression Value, IReadOnlyList<Expression> Values, bool Negated) : Expression;

/// <summary><c>value [NOT] IN (subquery)</c>.</summary>
public sealed record InSubqueryExpression(Expression Value, Query Subquery, bool Negated) : Expression;

/// <summary><c>EXISTS (subquery)</c>; NOT EXISTS is <see cref="NotExpression"/> around it.</summary>
public sealed record ExistsPredicate(Query Subquery) : Expression;

/// <summary><c>value [NOT] LIKE pattern [ESCAPE escape]</c>.</summary>
public sealed record LikePredicate(Expression Value, Expression Pattern, Expression? Escape, bool Negated) : Expression;

/// <summary><c>value op ALL|ANY|SOME (subquery)</c>.</summary>
public sealed record QuantifiedComparisonExpression(ComparisonOperator Operator, Quantifier Quantifier, Expression Value, Query Subquery) : Expression;

/// <summary>A scalar subquery <c>(SELECT ...)</c>.</summary>
public sealed record SubqueryExpression(Query Query) : Expression;

/// <summary><c>CAST(value AS type)</c> or <c>TRY_CAST(value AS type)</c>.</summary>
public sealed record CastExpression(Expression Value, DataTypeSyntax Type, bool IsTry) : Expression;

public sealed record WhenClause(Expression Operand, Expression Result) : Node;

/// <summary><c>CASE WHEN cond THEN r ... [ELSE d] END</c>.</summary>
public sealed record SearchedCaseExpression(IReadOnlyList<WhenClause> WhenClauses, Expression? Default) : Expression;

/// <summary><c>CASE operand WHEN v THEN r ... [ELSE d] END</c>.</summary>
public sealed record SimpleCaseExpression(Expression Operand, IReadOnlyList<WhenClause> WhenClauses, Expression? Default) : Expression;

/// <summary><c>EXTRACT(field FROM value)</c>.</summary>
public sealed record ExtractExpression(ExtractField Field, Expression Value) : Expression;

/// <summary><c>base.field</c>: a qualified column reference (<c>t.c</c>, <c>s.t.c</c>) or a row field access.</summary>
public sealed record DereferenceExpression(Expression Base, Identifier Field) : Expression;

/// <summary><c>base[index]</c> (array element, 1-based, or map lookup).</summary>
public sealed record SubscriptExpression(Expression Base, Expression Index) : Expression;

/// <summary><c>ARRAY[v1, v2, ...]</c>.</summary>
public sealed record ArrayConstructor(IReadOnlyList<Expression> Values) : Expression;

/// <summary><c>ROW(a, b)</c> or <c>(a, b)</c> (two or more items without the ROW keyword).</summary>
public sealed record RowConstructor(IReadOnlyList<Expression> Items) : Expression;

/// <summary><c>x -> body</c> or <c>(x, y) -> body</c>.</summary>
public sealed record LambdaExpression(IReadOnlyList<Identifier> Parameters, Expression Body) : Expression;

/// <summary><c>value AT TIME ZONE zone</c> (<c>AT LOCAL</c> is not supported).</summary>
public sealed record AtTimeZoneExpression(Expression Value, Expression TimeZone) : Expression;

/// <summary>CURRENT_DATE, CURRENT_TIME[(p)], CURRENT_TIMESTAMP[(p)], LOCALTIME[(p)], LOCALTIMESTAMP[(p)].</summary>
public sealed record CurrentTimeExpression(CurrentTimeFunction Function, int? Precision) : Expression;

/// <summary>CURRENT_USER, CURRENT_CATALOG, CURRENT_SCHEMA, CURRENT_PATH.</summary>
public sealed record SessionContextExpression(SessionContextFunction Function) : Expression;

/// <summary>A <c>?</c> placeholder; <see cref="Position"/> is 0-based in order of appearance in the statement.</summary>
public sealed record ParameterExpression(int Position) : Expression;

/// <summary>
/// Every TRIM form: <c>TRIM([BOTH|LEADING|TRAILING] [chars] FROM value)</c>, <c>TRIM(value)</c> and
/// <c>TRIM(value, chars)</c>. <see cref="Characters"/> is null when not given (trim spaces).
/// </summary>
public sealed record TrimExpression(TrimSpecification Specification, Expression Value, Expression? Characters) : Expression;
