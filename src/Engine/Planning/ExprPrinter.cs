using System.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions;

namespace QueryEngine.Engine.Planning;

/// <summary>Readable text of bound expressions, for EXPLAIN and error messages.</summary>
public static class ExprPrinter
{
    public static string Print(PhysicalExpr expr) => expr switch
    {
        ColumnExpr c => c.Name,
        LiteralExpr { Value: null } => "NULL",
        LiteralExpr { Value: string s } => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        LiteralExpr l when l.Type.Id == TypeId.Date32 => "DATE '" + ValueFormatter.FormatValue(l.Value, l.Type) + "'",
        LiteralExpr l => ValueFormatter.FormatValue(l.Value, l.Type),
        BinaryExpr b => "(" + Print(b.Left) + " " + Symbol(b.Op) + " " + Print(b.Right) + ")",
        NotExpr n => "(NOT " + Print(n.Input) + ")",
        NegateExpr n => "(-" + Print(n.Input) + ")",
        IsNullExpr n => "(" + Print(n.Input) + (n.Negated ? " IS NOT NULL)" : " IS NULL)"),
        CastExpr c => (c.IsTry ? "TRY_CAST(" : "CAST(") + Print(c.Input) + " AS " + c.Type.SqlName + ")",
        CaseExpr c => PrintCase(c),
        InListExpr i => "(" + Print(i.Input) + (i.Negated ? " NOT IN (" : " IN (") + string.Join(", ", i.List.Select(Print)) + "))",
        LikeExpr l => "(" + Print(l.Input) + (l.Negated ? " NOT LIKE " : " LIKE ") + Print(l.Pattern) + (l.Escape is null ? "" : " ESCAPE " + Print(l.Escape)) + ")",
        ScalarFunctionExpr f => f.Name + "(" + string.Join(", ", f.Args.Select(Print)) + ")",
        LambdaVariableExpr v => v.Name,
        LambdaExpr l => "(" + string.Join(", ", l.Parameters.Select(p => p.Name)) + ") -> " + Print(l.Body),
        SubqueryExpr s => s.Kind == SubqueryKind.Exists ? "EXISTS (<subquery>)" : "(<subquery>)",
        InSubqueryExpr s => "(" + Print(s.Input) + (s.Negated ? " NOT IN " : " IN ") + "(<subquery>))",
        _ => expr.GetType().Name,
    };

    public static string Print(AggregateCall call)
    {
        var name = call.Function switch
        {
            AggregateFunction.CountStar => "count(*)",
            _ => ToSnake(call.Function.ToString()) + "(" + (call.Distinct ? "DISTINCT " : "") + string.Join(", ", call.Args.Select(Print)) + ")",
        };
        return call.Filter is null ? name : name + " FILTER (WHERE " + Print(call.Filter) + ")";
    }

    private static string ToSnake(string name)
    {
        var sb = new StringBuilder();
        foreach (var ch in name)
        {
            if (char.IsUpper(ch) && sb.Length > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(ch));
        }
        return sb.ToString();
    }

    private static string PrintCase(CaseExpr c)
    {
        var sb = new StringBuilder("CASE");
        foreach (var w in c.Whens) sb.Append(" WHEN ").Append(Print(w.Condition)).Append(" THEN ").Append(Print(w.Result));
        if (c.Else is not null) sb.Append(" ELSE ").Append(Print(c.Else));
        return sb.Append(" END").ToString();
    }

    public static string Symbol(BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Subtract => "-",
        BinaryOp.Multiply => "*",
        BinaryOp.Divide => "/",
        BinaryOp.Modulo => "%",
        BinaryOp.Equal => "=",
        BinaryOp.NotEqual => "<>",
        BinaryOp.Less => "<",
        BinaryOp.LessOrEqual => "<=",
        BinaryOp.Greater => ">",
        BinaryOp.GreaterOrEqual => ">=",
        BinaryOp.Distinct => "IS DISTINCT FROM",
        BinaryOp.NotDistinct => "IS NOT DISTINCT FROM",
        BinaryOp.And => "AND",
        BinaryOp.Or => "OR",
        BinaryOp.Concat => "||",
        _ => op.ToString(),
    };
}
