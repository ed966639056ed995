namespace QueryEngine.Engine.Expressions;

/// <summary>The direction of one ORDER BY key inside an aggregate (<c>array_agg(x ORDER BY k DESC)</c>).</summary>
public sealed record AggregateOrder(bool Ascending, bool NullsFirst);
