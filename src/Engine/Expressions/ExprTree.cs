namespace QueryEngine.Engine.Expressions;

/// <summary>The shape of a bound expression tree: a node's children, and whether the tree is deterministic.</summary>
public static class ExprTree
{
    /// <summary>
    /// A node's direct children, in evaluation order; null for a node this layer does not know (the planner's subquery
    /// expressions).
    /// </summary>
    public static IReadOnlyList<PhysicalExpr>? TryChildren(PhysicalExpr expr) => expr switch
    {
        ColumnExpr or LiteralExpr or LambdaVariableExpr => [],
        LambdaExpr l => [l.Body],
        BinaryExpr b => [b.Left, b.Right],
        NotExpr n => [n.Input],
        NegateExpr n => [n.Input],
        IsNullExpr n => [n.Input],
        CastExpr c => [c.Input],
        CaseExpr c => CaseChildren(c),
        InListExpr i => [i.Input, .. i.List],
        LikeExpr l => l.Escape is null ? [l.Input, l.Pattern] : [l.Input, l.Pattern, l.Escape],
        ScalarFunctionExpr f => f.Args,
        _ => null,
    };

    private static PhysicalExpr[] CaseChildren(CaseExpr c)
    {
        var list = new List<PhysicalExpr>();
        foreach (var w in c.Whens)
        {
            list.Add(w.Condition);
            list.Add(w.Result);
        }
        if (c.Else is not null) list.Add(c.Else);
        return [.. list];
    }

    private static readonly HashSet<string> NonDeterministic = ["random", "rand", "uuid", "now", "current_timestamp", "shuffle"];

    /// <summary>Whether a scalar function may return different results for equal arguments.</summary>
    public static bool IsNonDeterministic(ScalarFunctionExpr call) => NonDeterministic.Contains(call.Name);

    /// <summary>
    /// Whether equal inputs always give equal results: no lambdas, non-deterministic calls or nodes this layer does not
    /// know (subqueries).
    /// </summary>
    public static bool IsDeterministic(PhysicalExpr expr) => expr switch
    {
        LambdaExpr or LambdaVariableExpr => false,
        ScalarFunctionExpr f when IsNonDeterministic(f) => false,
        _ => TryChildren(expr) is { } children && children.All(IsDeterministic),
    };
}
