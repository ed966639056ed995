namespace QueryEngine.Engine.Sql.Ast;

/// <summary>
/// A complete query: optional WITH, a body and optional ORDER BY / OFFSET / LIMIT.
/// As in Trino, when the body is a plain <see cref="QuerySpecification"/> the parser folds ORDER BY, OFFSET
/// and LIMIT into the specification and leaves them null here; they stay on the Query for set operations,
/// VALUES and parenthesized bodies.
/// </summary>
public sealed record Query(With? With, QueryBody Body, OrderBy? OrderBy, Offset? Offset, Limit? Limit) : Node;

/// <summary><c>WITH [RECURSIVE] q1 AS (...), q2 (c1, c2) AS (...)</c>.</summary>
public sealed record With(bool Recursive, IReadOnlyList<WithQuery> Queries) : Node;

/// <summary>One named query; <see cref="ColumnNames"/> is empty when no column list is written.</summary>
public sealed record WithQuery(Identifier Name, IReadOnlyList<Identifier> ColumnNames, Query Query) : Node;

/// <summary><c>SELECT ... FROM ... WHERE ... GROUP BY ... HAVING ... WINDOW ... ORDER BY ... OFFSET ... LIMIT ...</c>.</summary>
public sealed record QuerySpecification(
    Select Select,
    Relation? From,
    Expression? Where,
    GroupBy? GroupBy,
    Expression? Having,
    IReadOnlyList<WindowDefinition> Windows,
    OrderBy? OrderBy,
    Offset? Offset,
    Limit? Limit) : QueryBody;

public sealed record Select(bool Distinct, IReadOnlyList<SelectItem> SelectItems) : Node;

public abstract record SelectItem : Node;

/// <summary><c>expression [[AS] alias]</c>.</summary>
public sealed record SingleColumn(Expression Expression, Identifier? Alias) : SelectItem;

/// <summary><c>*</c> (Target null) or <c>t.*</c> / <c>row_expr.*</c>, optionally <c>AS (a, b)</c> (Aliases, else empty).</summary>
public sealed record AllColumns(Expression? Target, IReadOnlyList<Identifier> Aliases) : SelectItem;

/// <summary><c>GROUP BY [DISTINCT|ALL] element, ...</c>.</summary>
public sealed record GroupBy(bool Distinct, IReadOnlyList<GroupingElement> GroupingElements) : Node;

public abstract record GroupingElement : Node;

/// <summary>A plain grouping element: <c>a</c> (one column) or <c>(a, b)</c> / <c>()</c>.</summary>
public sealed record SimpleGroupBy(IReadOnlyList<Expression> Columns) : GroupingElement;

/// <summary><c>GROUPING SETS ((a, b), (a), ())</c>.</summary>
public sealed record GroupingSets(IReadOnlyList<IReadOnlyList<Expression>> Sets) : GroupingElement;

/// <summary><c>ROLLUP (a, b)</c>.</summary>
public sealed record Rollup(IReadOnlyList<Expression> Columns) : GroupingElement;

/// <summary><c>CUBE (a, b)</c>.</summary>
public sealed record Cube(IReadOnlyList<Expression> Columns) : GroupingElement;

/// <summary><c>OFFSET n [ROW|ROWS]</c>; RowCount is a literal or a parameter.</summary>
public sealed record Offset(Expression RowCount) : Node;

/// <summary>
/// <c>LIMIT n</c>, <c>LIMIT ALL</c> (<see cref="RowCount"/> null) or <c>FETCH FIRST|NEXT [n] ROW|ROWS ONLY|WITH TIES</c>
/// (n defaults to 1; <see cref="WithTies"/> for WITH TIES). RowCount is a literal or a parameter.
/// </summary>
public sealed record Limit(Expression? RowCount, bool WithTies) : Node;

public enum SetOperationType
{
    Union,
    Intersect,
    Except,
}

/// <summary>
/// <c>left UNION|INTERSECT|EXCEPT [ALL|DISTINCT] right</c>; binary and left-associative; INTERSECT binds tighter.
/// <see cref="Distinct"/> is true unless ALL is written.
/// </summary>
public sealed record SetOperation(SetOperationType Type, bool Distinct, QueryBody Left, QueryBody Right) : QueryBody;

/// <summary><c>VALUES r1, r2, ...</c>: each row is a <see cref="RowConstructor"/> or a single expression.</summary>
public sealed record Values(IReadOnlyList<Expression> Rows) : QueryBody;
