using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Planning.Binder;

/// <summary>
/// <c>listagg(x[, separator] [ON OVERFLOW ...]) WITHIN GROUP (ORDER BY ...)</c>: the aggregation collects the non-null
/// values in order (an <c>array_agg</c> with the ORDER BY), and after it <c>$listagg</c> joins them with the separator,
/// applying Trino's output limit and overflow behaviour.
/// </summary>
public sealed partial class QueryBinder
{
    /// <summary>Trino's longest overflow filler, in bytes.</summary>
    private const int MaxListaggFiller = 65_536;

    private AggregateCall BindListagg(FunctionCall call, ExprContext context)
    {
        if (call.Arguments.Count is < 1 or > 2)
        {
            throw new SemanticException($"listagg expects a value and an optional separator, found {call.Arguments.Count} arguments", call.Span, code: ErrorCode.FunctionNotFound);
        }
        foreach (var arg in call.Arguments)
        {
            if (AstWalker.ContainsAggregate(arg)) throw new SemanticException("Cannot nest aggregations inside aggregation 'listagg'", arg.Span);
        }
        ListaggSeparator(call);
        var value = BindExpression(call.Arguments[0], context);
        if (value.Type.Id is not (TypeId.Utf8 or TypeId.Null))
        {
            throw new SemanticException($"Unexpected parameters ({value.Type.SqlName}) for function listagg: the value must be varchar", call.Arguments[0].Span, code: ErrorCode.FunctionNotFound);
        }
        value = Coercion.To(value, DataType.Utf8);
        if (call.Distinct) throw new NotSupportedQueryException("DISTINCT inside listagg is not supported yet", call.Span);
        PhysicalExpr filter = new IsNullExpr(value, Negated: true);
        if (call.Filter is { } f)
        {
            RejectAggregates(f, "FILTER");
            filter = new BinaryExpr(BinaryOp.And, RequireBoolean(BindExpression(f, context), f, "FILTER clause"), filter, DataType.Boolean);
        }
        var args = new List<PhysicalExpr> { value };
        var order = new List<AggregateOrder>();
        foreach (var item in call.OrderBy?.SortItems ?? [])
        {
            RejectAggregates(item.SortKey, "ORDER BY");
            args.Add(BindExpression(item.SortKey, context));
            order.Add(new AggregateOrder(item.Ordering == SortOrdering.Ascending, item.NullOrdering == NullOrdering.First));
        }
        return new AggregateCall(AggregateFunction.ArrayAgg, args, false, filter, new ListType(new Field("element", DataType.Utf8)), order.Count == 0 ? null : order);
    }

    /// <summary>The text of the collected values of one group, as listagg returns it.</summary>
    private static PhysicalExpr FinishListagg(FunctionCall call, PhysicalExpr collected)
    {
        var overflow = call.Overflow;
        var filler = overflow?.Filler?.Value ?? "...";
        if (System.Text.Encoding.UTF8.GetByteCount(filler) > MaxListaggFiller)
        {
            throw new SemanticException($"Overflow filler length {System.Text.Encoding.UTF8.GetByteCount(filler)} exceeds maximum length {MaxListaggFiller}", overflow!.Filler!.Span, code: ErrorCode.InvalidCast);
        }
        PhysicalExpr[] args =
        [
            collected,
            new LiteralExpr(ListaggSeparator(call), DataType.Utf8),
            new LiteralExpr(overflow?.Truncate ?? false, DataType.Boolean),
            new LiteralExpr(filler, DataType.Utf8),
            new LiteralExpr(overflow?.WithCount ?? false, DataType.Boolean),
        ];
        return new ScalarFunctionExpr(Expressions.Functions.ListaggFunction.Name, args, DataType.Utf8);
    }

    /// <summary>The separator: a constant string (empty when not given), as Trino requires.</summary>
    private static string ListaggSeparator(FunctionCall call)
    {
        if (call.Arguments.Count < 2) return string.Empty;
        return call.Arguments[1] is StringLiteral s
            ? s.Value
            : throw new SemanticException("listagg separator must be a string literal", call.Arguments[1].Span, code: ErrorCode.TypeMismatch);
    }
}
