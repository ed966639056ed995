using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Sql.Ast;

/// <summary>
/// Base of every syntax tree node. Nodes are immutable records.
/// <para>
/// Equality is structural and ignores <see cref="Span"/>: two nodes are equal when they have the same kind and
/// equal properties. Lists produced by the parser are <see cref="NodeList{T}"/>, which compares element-wise, so
/// parser output compares structurally all the way down (nodes built with other list types compare those lists by
/// reference). For per-node side tables (resolved types, scopes) use <see cref="ReferenceEqualityComparer"/>, since
/// textually identical expressions at different positions are equal.
/// </para>
/// </summary>
public abstract record Node
{
    /// <summary>Where the node was written; <see cref="SourceSpan.None"/> for synthesized nodes.</summary>
    public SourceSpan Span { get; init; } = SourceSpan.None;

    public virtual bool Equals(Node? other) =>
        ReferenceEquals(this, other) || (other is not null && EqualityContract == other.EqualityContract);

    public override int GetHashCode() => EqualityContract.GetHashCode();

    /// <summary>The node rendered as SQL (see <see cref="SqlFormatter.Format"/>).</summary>
    public sealed override string ToString() => SqlFormatter.Format(this);
}

/// <summary>A top-level SQL statement.</summary>
public abstract record Statement : Node;

/// <summary>A scalar expression (including identifiers, which are column or field references).</summary>
public abstract record Expression : Node;

/// <summary>Something in a FROM clause.</summary>
public abstract record Relation : Node;

/// <summary>The body of a query: a SELECT, a set operation, VALUES, TABLE t or a parenthesized query.
/// Every query body is also usable as a relation (as in Trino).</summary>
public abstract record QueryBody : Relation;
