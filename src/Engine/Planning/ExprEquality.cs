using QueryEngine.Engine.Expressions;

namespace QueryEngine.Engine.Planning;

/// <summary>Structural equality of bound expressions (records compare lists by reference, this compares them by content).</summary>
public sealed class ExprEquality : IEqualityComparer<PhysicalExpr>
{
    public static readonly ExprEquality Instance = new();

    public bool Equals(PhysicalExpr? x, PhysicalExpr? y)
    {
        if (ReferenceEquals(x, y)) return true;
        if (x is null || y is null || x.GetType() != y.GetType() || !x.Type.Equals(y.Type)) return false;
        switch (x)
        {
            case ColumnExpr c: return c.Index == ((ColumnExpr)y).Index;
            case LambdaVariableExpr v: return v.Id == ((LambdaVariableExpr)y).Id;
            case LiteralExpr l: return LiteralEquals(l.Value, ((LiteralExpr)y).Value);
            case BinaryExpr b when b.Op != ((BinaryExpr)y).Op: return false;
            case IsNullExpr n when n.Negated != ((IsNullExpr)y).Negated: return false;
            case CastExpr c when c.IsTry != ((CastExpr)y).IsTry: return false;
            case InListExpr i when i.Negated != ((InListExpr)y).Negated: return false;
            case LikeExpr l when l.Negated != ((LikeExpr)y).Negated: return false;
            case ScalarFunctionExpr f when f.Name != ((ScalarFunctionExpr)y).Name: return false;
            case SubqueryExpr or InSubqueryExpr: return false;
        }
        var a = ExprUtil.Children(x);
        var b2 = ExprUtil.Children(y);
        if (a.Count != b2.Count) return false;
        for (var i = 0; i < a.Count; i++)
        {
            if (!Equals(a[i], b2[i])) return false;
        }
        if (x is CaseExpr cx && (cx.Else is null) != (((CaseExpr)y).Else is null)) return false;
        return true;
    }

    private static bool LiteralEquals(object? a, object? b) => a switch
    {
        null => b is null,
        byte[] x => b is byte[] y && x.AsSpan().SequenceEqual(y),
        object?[] x => b is object?[] y && x.Length == y.Length && x.Zip(y).All(p => LiteralEquals(p.First, p.Second)),
        KeyValuePair<object?, object?>[] x => b is KeyValuePair<object?, object?>[] y && x.Length == y.Length
            && x.Zip(y).All(p => LiteralEquals(p.First.Key, p.Second.Key) && LiteralEquals(p.First.Value, p.Second.Value)),
        _ => a.Equals(b),
    };

    public int GetHashCode(PhysicalExpr obj)
    {
        var hash = new HashCode();
        hash.Add(obj.GetType());
        switch (obj)
        {
            case ColumnExpr c: hash.Add(c.Index); break;
            case LambdaVariableExpr v: hash.Add(v.Id); break;
            case LiteralExpr l when l.Value is not (byte[] or object?[] or KeyValuePair<object?, object?>[]): hash.Add(l.Value); break;
            case BinaryExpr b: hash.Add(b.Op); break;
            case ScalarFunctionExpr f: hash.Add(f.Name); break;
        }
        foreach (var child in ExprUtil.Children(obj)) hash.Add(GetHashCode(child));
        return hash.ToHashCode();
    }

    public static bool AggregateEquals(AggregateCall a, AggregateCall b)
    {
        if (a.Function != b.Function || a.Distinct != b.Distinct || !a.Type.Equals(b.Type) || a.Args.Count != b.Args.Count) return false;
        if (!(a.Order ?? []).SequenceEqual(b.Order ?? [])) return false;
        for (var i = 0; i < a.Args.Count; i++)
        {
            if (!Instance.Equals(a.Args[i], b.Args[i])) return false;
        }
        return (a.Filter is null && b.Filter is null) || (a.Filter is not null && b.Filter is not null && Instance.Equals(a.Filter, b.Filter));
    }
}
