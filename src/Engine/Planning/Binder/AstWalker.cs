using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Planning.Binder;

/// <summary>Enumerates the sub-expressions of an AST expression, not descending into subqueries.</summary>
internal static class AstWalker
{
    public static IEnumerable<Expression> Children(Expression e) => e switch
    {
        ArithmeticBinaryExpression a => [a.Left, a.Right],
        ArithmeticUnaryExpression a => [a.Value],
        ComparisonExpression c => [c.Left, c.Right],
        IsDistinctFromExpression d => [d.Left, d.Right],
        LogicalExpression l => l.Terms,
        NotExpression n => [n.Value],
        IsNullPredicate n => [n.Value],
        BetweenPredicate b => [b.Value, b.Min, b.Max],
        InListExpression i => [i.Value, .. i.Values],
        InSubqueryExpression i => [i.Value],
        LikePredicate l => l.Escape is null ? [l.Value, l.Pattern] : [l.Value, l.Pattern, l.Escape],
        QuantifiedComparisonExpression q => [q.Value],
        CastExpression c => [c.Value],
        SearchedCaseExpression c => c.WhenClauses.SelectMany(w => new[] { w.Operand, w.Result }).Concat(c.Default is null ? [] : [c.Default]),
        SimpleCaseExpression c => new[] { c.Operand }.Concat(c.WhenClauses.SelectMany(w => new[] { w.Operand, w.Result })).Concat(c.Default is null ? [] : [c.Default]),
        ExtractExpression x => [x.Value],
        DereferenceExpression d => [d.Base],
        SubscriptExpression s => [s.Base, s.Index],
        ArrayConstructor a => a.Values,
        RowConstructor r => r.Items,
        LambdaExpression l => [l.Body],
        AtTimeZoneExpression a => [a.Value, a.TimeZone],
        TrimExpression t => t.Characters is null ? [t.Value] : [t.Value, t.Characters],
        FunctionCall f => f.Filter is null ? f.Arguments : [.. f.Arguments, f.Filter],
        _ => [],
    };

    /// <summary>Aggregate calls (not window calls) in <paramref name="e"/>, outermost first, not looking inside them.</summary>
    public static void CollectAggregates(Expression e, List<FunctionCall> into)
    {
        if (e is FunctionCall { Window: null } f && Expressions.FunctionRegistry.IsAggregate(f.Name.Last.CanonicalValue))
        {
            into.Add(f);
            return;
        }
        foreach (var child in Children(e)) CollectAggregates(child, into);
    }

    /// <summary>Window function calls (with OVER) in <paramref name="e"/>, not looking inside them.</summary>
    public static void CollectWindowCalls(Expression e, List<FunctionCall> into)
    {
        if (e is FunctionCall { Window: not null } f)
        {
            if (!into.Contains(f)) into.Add(f);
            return;
        }
        foreach (var child in Children(e)) CollectWindowCalls(child, into);
    }

    public static bool ContainsAggregate(Expression e)
    {
        var list = new List<FunctionCall>();
        CollectAggregates(e, list);
        return list.Count > 0;
    }
}
