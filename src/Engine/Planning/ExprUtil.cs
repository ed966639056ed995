using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;

namespace QueryEngine.Engine.Planning;

/// <summary>Tree utilities over bound expressions: children, bottom-up rewriting, column references, conjunctions.</summary>
public static class ExprUtil
{
    public static IReadOnlyList<PhysicalExpr> Children(PhysicalExpr expr) => expr switch
    {
        SubqueryExpr => [],
        InSubqueryExpr s => [s.Input],
        _ => ExprTree.TryChildren(expr) ?? throw new InternalException($"unknown expression {expr.GetType().Name}"),
    };

    /// <summary>Rebuilds <paramref name="expr"/> bottom-up; <paramref name="map"/> may replace any node (after its children were rewritten).</summary>
    public static PhysicalExpr Rewrite(PhysicalExpr expr, Func<PhysicalExpr, PhysicalExpr> map)
    {
        PhysicalExpr R(PhysicalExpr e) => Rewrite(e, map);
        PhysicalExpr rebuilt = expr switch
        {
            ColumnExpr or LiteralExpr or SubqueryExpr or LambdaVariableExpr => expr,
            LambdaExpr l => l with { Body = R(l.Body) },
            BinaryExpr b => b with { Left = R(b.Left), Right = R(b.Right) },
            NotExpr n => new NotExpr(R(n.Input)),
            NegateExpr n => new NegateExpr(R(n.Input)),
            IsNullExpr n => n with { Input = R(n.Input) },
            CastExpr c => c with { Input = R(c.Input) },
            CaseExpr c => c with
            {
                Whens = c.Whens.Select(w => new WhenClause(R(w.Condition), R(w.Result))).ToArray(),
                Else = c.Else is null ? null : R(c.Else),
            },
            InListExpr i => i with { Input = R(i.Input), List = i.List.Select(R).ToArray() },
            LikeExpr l => l with { Input = R(l.Input), Pattern = R(l.Pattern), Escape = l.Escape is null ? null : R(l.Escape) },
            ScalarFunctionExpr f => f with { Args = f.Args.Select(R).ToArray() },
            InSubqueryExpr s => s with { Input = R(s.Input) },
            _ => throw new InternalException($"unknown expression {expr.GetType().Name}"),
        };
        return map(rebuilt);
    }

    /// <summary>The same node with new direct children, given in the order of <see cref="Children"/>.</summary>
    public static PhysicalExpr WithChildren(PhysicalExpr expr, IReadOnlyList<PhysicalExpr> children)
    {
        var i = 0;
        PhysicalExpr Next() => children[i++];
        return expr switch
        {
            BinaryExpr b => b with { Left = Next(), Right = Next() },
            NotExpr => new NotExpr(Next()),
            NegateExpr => new NegateExpr(Next()),
            IsNullExpr n => n with { Input = Next() },
            CastExpr c => c with { Input = Next() },
            CaseExpr c => c with
            {
                Whens = c.Whens.Select(_ => new WhenClause(Next(), Next())).ToArray(),
                Else = c.Else is null ? null : Next(),
            },
            InListExpr l => l with { Input = Next(), List = l.List.Select(_ => Next()).ToArray() },
            LikeExpr l => l with { Input = Next(), Pattern = Next(), Escape = l.Escape is null ? null : Next() },
            ScalarFunctionExpr f => f with { Args = f.Args.Select(_ => Next()).ToArray() },
            InSubqueryExpr s => s with { Input = Next() },
            LambdaExpr l => l with { Body = Next() },
            _ => expr,
        };
    }

    /// <summary>Ids of the columns an expression reads.</summary>
    public static HashSet<int> Columns(PhysicalExpr expr)
    {
        var set = new HashSet<int>();
        CollectColumns(expr, set);
        return set;
    }

    public static void CollectColumns(PhysicalExpr expr, HashSet<int> into)
    {
        if (expr is ColumnExpr c)
        {
            into.Add(c.Index);
            return;
        }
        foreach (var child in Children(expr)) CollectColumns(child, into);
    }

    /// <summary>Replaces column references by id.</summary>
    public static PhysicalExpr Substitute(PhysicalExpr expr, IReadOnlyDictionary<int, PhysicalExpr> replacements) =>
        Rewrite(expr, e => e is ColumnExpr c && replacements.TryGetValue(c.Index, out var r) ? r : e);

    /// <summary>Splits nested ANDs into their conjuncts.</summary>
    public static List<PhysicalExpr> SplitConjunction(PhysicalExpr expr)
    {
        var list = new List<PhysicalExpr>();
        Split(expr, list);
        return list;

        static void Split(PhysicalExpr e, List<PhysicalExpr> list)
        {
            if (e is BinaryExpr { Op: BinaryOp.And } b)
            {
                Split(b.Left, list);
                Split(b.Right, list);
            }
            else
            {
                list.Add(e);
            }
        }
    }

    /// <summary>ANDs the conjuncts together; null for none.</summary>
    public static PhysicalExpr? Conjunction(IEnumerable<PhysicalExpr> conjuncts)
    {
        PhysicalExpr? result = null;
        foreach (var c in conjuncts) result = result is null ? c : new BinaryExpr(BinaryOp.And, result, c, DataType.Boolean);
        return result;
    }

    public static bool IsTrueLiteral(PhysicalExpr e) => e is LiteralExpr { Value: true };

    /// <summary>Whether the expression contains no column references, subqueries or non-deterministic calls.</summary>
    public static bool IsConstant(PhysicalExpr expr) => expr switch
    {
        LiteralExpr => true,
        ColumnExpr or SubqueryExpr or InSubqueryExpr or LambdaExpr or LambdaVariableExpr => false,
        ScalarFunctionExpr f when ExprTree.IsNonDeterministic(f) => false,
        _ => Children(expr).All(IsConstant),
    };

    /// <summary>Whether equal inputs always give equal results: no subqueries, lambdas or non-deterministic calls.</summary>
    public static bool IsDeterministic(PhysicalExpr expr) => ExprTree.IsDeterministic(expr);
}
