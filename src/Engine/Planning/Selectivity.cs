using QueryEngine.Engine.Expressions;

namespace QueryEngine.Engine.Planning;

/// <summary>
/// Default fraction of rows a predicate keeps, from its shape alone (no value statistics are available to the
/// planner): equality 1/10, a range bound 1/3, LIKE 1/10, IN lists 1/10 per value (at most 1/2), OR and NOT by
/// probability rules. Several conjuncts combine with exponential back-off (most selective first, then the square root
/// of the next, the fourth root of the one after, ...) because conjuncts over one table are rarely independent.
/// </summary>
public static class Selectivity
{
    public const double Equality = 0.1;
    public const double Range = 1.0 / 3;
    public const double Pattern = 0.1;
    public const double Unknown = 0.25;
    public const double IsNull = 0.05;

    /// <summary>Fraction kept by all of <paramref name="conjuncts"/> together, in (0, 1].</summary>
    public static double OfConjuncts(IReadOnlyList<PhysicalExpr> conjuncts)
    {
        if (conjuncts.Count == 0) return 1;
        var each = new double[conjuncts.Count];
        for (var i = 0; i < each.Length; i++) each[i] = Of(conjuncts[i]);
        return Combine(each);
    }

    /// <summary>Combines independent-looking selectivities with exponential back-off (most selective first).</summary>
    public static double Combine(double[] selectivities)
    {
        Array.Sort(selectivities);
        var result = 1.0;
        var exponent = 1.0;
        foreach (var s in selectivities)
        {
            result *= Math.Pow(s, exponent);
            exponent /= 2;
        }
        return Clamp(result);
    }

    /// <summary>Fraction of rows one predicate keeps.</summary>
    public static double Of(PhysicalExpr predicate) => Clamp(predicate switch
    {
        LiteralExpr { Value: true } => 1,
        LiteralExpr { Value: false or null } => 0,
        BinaryExpr { Op: BinaryOp.And } => OfConjuncts(ExprUtil.SplitConjunction(predicate)),
        BinaryExpr { Op: BinaryOp.Or } b => Or(Of(b.Left), Of(b.Right)),
        BinaryExpr { Op: BinaryOp.Equal or BinaryOp.NotDistinct } => Equality,
        BinaryExpr { Op: BinaryOp.NotEqual or BinaryOp.Distinct } => 1 - Equality,
        BinaryExpr { Op: BinaryOp.Less or BinaryOp.LessOrEqual or BinaryOp.Greater or BinaryOp.GreaterOrEqual } => Range,
        NotExpr n => 1 - Of(n.Input),
        IsNullExpr { Negated: false } => IsNull,
        IsNullExpr { Negated: true } => 1 - IsNull,
        LikeExpr { Negated: false } => Pattern,
        LikeExpr { Negated: true } => 1 - Pattern,
        InListExpr { Negated: false } i => Math.Min(0.5, Equality * i.List.Count),
        InListExpr { Negated: true } i => 1 - Math.Min(0.5, Equality * i.List.Count),
        _ => Unknown,
    });

    private static double Or(double a, double b) => a + b - a * b;

    /// <summary>Never exactly zero (an estimate of no rows would make every plan look free).</summary>
    private static double Clamp(double s) => double.IsNaN(s) ? Unknown : Math.Clamp(s, 1e-6, 1);
}
