namespace QueryEngine.Engine.Sql.Ast;

/// <summary>
/// A name as written. Unquoted identifiers are case-insensitive (the binder lower-cases them); quoted
/// (<c>"Name"</c> or <c>`Name`</c>) keep their case. As an expression, an identifier is a column (or lambda
/// parameter) reference; <c>a.b.c</c> parses as <see cref="DereferenceExpression"/>(DereferenceExpression(a, b), c).
/// </summary>
public sealed record Identifier(string Value, bool Quoted) : Expression
{
    /// <summary>The value as the binder should compare it: lower-cased unless quoted.</summary>
    public string CanonicalValue => Quoted ? Value : Value.ToLowerInvariant();
}

/// <summary>A dotted name such as <c>catalog.schema.table</c> or a function name.</summary>
public sealed record QualifiedName(IReadOnlyList<Identifier> Parts) : Node
{
    /// <summary>The last part (the object name itself).</summary>
    public Identifier Last => Parts[^1];
}
