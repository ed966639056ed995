using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Expressions.Functions.Nested;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Planning.Binder;

/// <summary>ARRAY[...] and ROW(...) constructors, subscripts and row field access.</summary>
public sealed partial class QueryBinder
{
    private PhysicalExpr BindArrayConstructor(ArrayConstructor a, ExprContext context)
    {
        var items = a.Values.Select(v => BindExpression(v, context)).ToList();
        var element = Coercion.CommonType(items.Select(i => i.Type).ToArray(), a.Span, "ARRAY");
        return BindNested("$array", items.Select(i => Coercion.To(i, element)).ToList(), Lists.ListOf(element));
    }

    private PhysicalExpr BindRowConstructor(RowConstructor r, ExprContext context)
    {
        var items = r.Items.Select(v => BindExpression(v, context)).ToList();
        return BindNested("$row", items, NestedSignatures.AnonymousRow(items.Select(i => i.Type).ToArray()));
    }

    private static PhysicalExpr BindNested(string name, List<PhysicalExpr> args, DataType type)
    {
        PhysicalExpr call = new ScalarFunctionExpr(name, args, type);
        return args.All(x => x is LiteralExpr) ? ConstantFolder.Fold(call) : call;
    }

    private PhysicalExpr BindSubscript(SubscriptExpression s, ExprContext context)
    {
        var value = BindExpression(s.Base, context);
        var index = BindExpression(s.Index, context);
        switch (value.Type)
        {
            case ListType or MapType:
                return BindScalarFunction("$subscript", [value, index], s.Span);
            case StructType row:
                {
                    if (index is not LiteralExpr { Value: int or long } literal || !index.Type.IsInteger)
                    {
                        throw new SemanticException("Subscript expression on ROW requires a constant index", s.Index.Span, code: ErrorCode.TypeMismatch);
                    }
                    var position = Convert.ToInt64(literal.Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (position < 1 || position > row.Fields.Count)
                    {
                        throw new SemanticException($"Invalid subscript index: {position}. ROW indices start at 1 and must be less than or equal to the number of fields ({row.Fields.Count})", s.Index.Span);
                    }
                    return FieldAccess(value, (int)position - 1);
                }
            default:
                throw new SemanticException($"Cannot use subscript on a value of type {value.Type.SqlName}", s.Span, code: ErrorCode.TypeMismatch);
        }
    }

    private static PhysicalExpr FieldAccess(PhysicalExpr row, int field)
    {
        var type = ((StructType)row.Type).Fields[field].Type;
        return BindNested("$field", [row, new LiteralExpr(field, DataType.Int32)], type);
    }

    /// <summary><c>a.b</c>: a qualified column when the name resolves, otherwise field <c>b</c> of the row value <c>a</c>.</summary>
    private PhysicalExpr BindDereference(DereferenceExpression d, ExprContext context)
    {
        var parts = NameParts(d);
        PhysicalExpr value;
        if (parts is not null)
        {
            if (context.Scope.TryResolve(parts, d.Span) is { } column) return column.ToExpr();
            try
            {
                value = BindExpression(d.Base, context);
            }
            catch (NotFoundException)
            {
                return ResolveColumn(parts, d.Span, context).ToExpr();
            }
        }
        else
        {
            value = BindExpression(d.Base, context);
        }
        if (value.Type is StructType row)
        {
            var name = d.Field.CanonicalValue;
            for (var i = 0; i < row.Fields.Count; i++)
            {
                if (string.Equals(row.Fields[i].Name, name, StringComparison.OrdinalIgnoreCase)) return FieldAccess(value, i);
            }
        }
        if (parts is not null) return ResolveColumn(parts, d.Span, context).ToExpr();
        throw new SemanticException($"Cannot access field '{d.Field.Value}' of a value of type {value.Type.SqlName}", d.Span, code: ErrorCode.TypeMismatch);
    }

    /// <summary><c>a || b</c> / concat over arrays: non-array operands are single elements.</summary>
    private static PhysicalExpr BindArrayConcat(List<PhysicalExpr> args, SourceSpan span)
    {
        var element = DataType.Null;
        foreach (var a in args)
        {
            var t = a.Type is ListType l ? l.Element.Type : a.Type;
            element = TypeRules.CommonSuperType(element, t)
                ?? throw new SemanticException($"Cannot concatenate {string.Join(", ", args.Select(x => x.Type.SqlName))}", span, code: ErrorCode.TypeMismatch);
        }
        var lists = args.Select(a => a.Type is ListType ? a : BindNested("$array", [Coercion.To(a, element)], Lists.ListOf(element))).ToList();
        return BindScalarFunction("concat", lists, span);
    }
}
