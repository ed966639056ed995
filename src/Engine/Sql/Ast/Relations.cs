namespace QueryEngine.Engine.Sql.Ast;

/// <summary>A table or view name in FROM (also the query body of <c>TABLE t</c>).</summary>
public sealed record Table(QualifiedName Name) : QueryBody;

/// <summary><c>relation [AS] alias [(c1, c2, ...)]</c>; <see cref="ColumnNames"/> is empty when not given.</summary>
public sealed record AliasedRelation(Relation Relation, Identifier Alias, IReadOnlyList<Identifier> ColumnNames) : Relation;

public enum JoinType
{
    /// <summary><c>CROSS JOIN</c>.</summary>
    Cross,
    Inner,
    Left,
    Right,
    Full,

    /// <summary>A comma in the FROM list: <c>FROM a, b</c>.</summary>
    Implicit,
}

/// <summary>A join; <see cref="Criteria"/> is null for CROSS and IMPLICIT joins.</summary>
public sealed record Join(JoinType Type, Relation Left, Relation Right, JoinCriteria? Criteria) : Relation;

public abstract record JoinCriteria : Node;

public sealed record JoinOn(Expression Condition) : JoinCriteria;

public sealed record JoinUsing(IReadOnlyList<Identifier> Columns) : JoinCriteria;

/// <summary><c>NATURAL [INNER|LEFT|...] JOIN</c>.</summary>
public sealed record NaturalJoin : JoinCriteria;

/// <summary>A parenthesized query in FROM, or a parenthesized query term in a set operation.</summary>
public sealed record TableSubquery(Query Query) : QueryBody;

/// <summary><c>UNNEST(e1, e2, ...) [WITH ORDINALITY]</c>.</summary>
public sealed record Unnest(IReadOnlyList<Expression> Expressions, bool WithOrdinality) : Relation;

/// <summary><c>LATERAL (query)</c>.</summary>
public sealed record Lateral(Query Query) : Relation;

public enum SampleType
{
    Bernoulli,
    System,
}

/// <summary><c>relation TABLESAMPLE BERNOULLI|SYSTEM (percentage)</c>.</summary>
public sealed record SampledRelation(Relation Relation, SampleType Type, Expression SamplePercentage) : Relation;

/// <summary>A function call in FROM: <c>read_parquet('x')</c> or <c>TABLE(f(name =&gt; v))</c>.</summary>
public sealed record TableFunctionCall(QualifiedName Name, IReadOnlyList<TableFunctionArgument> Arguments) : Relation;

/// <summary>An argument of a table function: positional (Name null) or <c>name =&gt; value</c>.</summary>
public sealed record TableFunctionArgument(Identifier? Name, Expression Value) : Node;
