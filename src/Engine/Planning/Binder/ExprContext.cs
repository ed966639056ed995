using QueryEngine.Engine.Planning.Logical;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Planning.Binder;

/// <summary>What an expression may refer to while it is bound.</summary>
/// <param name="Scope">Visible columns (with outer scopes for correlation).</param>
/// <param name="AllowSubqueries">Whether subqueries may appear (they are planned as joins afterwards).</param>
/// <param name="Aggregation">Set after GROUP BY: aggregate calls map to the aggregation's output columns.</param>
/// <param name="Windows">Set after window planning: window function calls map to the window nodes' output columns.</param>
internal sealed record ExprContext(
    Scope Scope,
    bool AllowSubqueries,
    AggregationBinding? Aggregation = null,
    IReadOnlyDictionary<FunctionCall, ColumnRef>? Windows = null);

/// <summary>The result of planning GROUP BY and the aggregate calls of a query specification.</summary>
/// <param name="Sets">The grouping sets as indices into <paramref name="GroupBy"/> (one set for a plain GROUP BY).</param>
/// <param name="GroupId">With several grouping sets: the column holding each row's set number.</param>
internal sealed record AggregationBinding(
    IReadOnlyList<Assignment> GroupBy,
    IReadOnlyDictionary<FunctionCall, ColumnRef> Aggregates,
    IReadOnlySet<int> OutputIds,
    IReadOnlyList<IReadOnlyList<int>> Sets,
    ColumnRef? GroupId);

/// <summary>One SELECT item after expanding <c>*</c>: an expression to bind, or a column taken as is.</summary>
internal sealed record SelectEntry(Sql.Ast.Expression? Expression, ColumnRef? Column, string Name);
