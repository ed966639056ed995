using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Expressions.Functions.Nested;
using QueryEngine.Engine.Sql.Ast;
using Ast = QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Planning.Binder;

/// <summary>
/// Higher-order functions: the value arguments are bound first, their element types give the lambda parameters'
/// types, then the lambda body is bound in a scope where the parameters shadow the query's columns.
/// </summary>
public sealed partial class QueryBinder
{
    private PhysicalExpr BindHigherOrder(string name, FunctionCall f, ExprContext context)
    {
        var arguments = f.Arguments;
        PhysicalExpr Value(int i)
        {
            if (arguments[i] is LambdaExpression) throw Unexpected();
            return BindExpression(arguments[i], context);
        }
        LambdaExpression Lambda(int i) => arguments[i] as LambdaExpression ?? throw Unexpected();
        SemanticException Unexpected() => new($"Unexpected parameters for function {name}", f.Span, code: ErrorCode.FunctionNotFound);
        DataType ElementOf(PhysicalExpr e) => e.Type switch
        {
            ListType l => l.Element.Type,
            _ => throw new SemanticException($"{name} expects an array, found {e.Type.SqlName}", f.Span, code: ErrorCode.TypeMismatch),
        };
        MapType MapOf(PhysicalExpr e) => e.Type as MapType
            ?? throw new SemanticException($"{name} expects a map, found {e.Type.SqlName}", f.Span, code: ErrorCode.TypeMismatch);

        var expected = name switch
        {
            "reduce" => 4,
            "zip_with" => 3,
            _ => 2,
        };
        if (arguments.Count != expected) throw Unexpected();
        switch (name)
        {
            case "transform":
                {
                    var array = ArrayArgument(Value(0));
                    var lambda = BindLambda(Lambda(1), [ElementOf(array)], context);
                    return new ScalarFunctionExpr(name, [array, lambda], Lists.ListOf(lambda.Type));
                }
            case "filter" or "any_match" or "all_match" or "none_match":
                {
                    var array = ArrayArgument(Value(0));
                    var lambda = BooleanLambda(BindLambda(Lambda(1), [ElementOf(array)], context), f);
                    return new ScalarFunctionExpr(name, [array, lambda], name == "filter" ? array.Type : DataType.Boolean);
                }
            case "reduce":
                {
                    var array = ArrayArgument(Value(0));
                    var initial = Value(1);
                    var element = ElementOf(array);
                    var state = initial.Type;
                    var combine = BindLambda(Lambda(2), [state, element], context);
                    if (!combine.Type.Equals(state))
                    {
                        // The state takes the common type of the initial value and the combiner's result.
                        state = TypeRules.CommonSuperType(state, combine.Type)
                            ?? throw new SemanticException($"reduce: the initial value ({initial.Type.SqlName}) and the combiner's result ({combine.Type.SqlName}) differ", f.Span, code: ErrorCode.TypeMismatch);
                        combine = BindLambda(Lambda(2), [state, element], context);
                    }
                    combine = combine with { Body = Coercion.To(combine.Body, state) };
                    var output = BindLambda(Lambda(3), [state], context);
                    return new ScalarFunctionExpr(name, [array, Coercion.To(initial, state), combine, output], output.Type);
                }
            case "transform_values" or "transform_keys" or "map_filter":
                {
                    var map = Value(0);
                    var type = MapOf(map);
                    var lambda = BindLambda(Lambda(1), [type.Key.Type, type.Value.Type], context);
                    return name switch
                    {
                        "transform_values" => new ScalarFunctionExpr(name, [map, lambda], new MapType(type.Key, new Field("value", lambda.Type))),
                        "transform_keys" => new ScalarFunctionExpr(name, [map, lambda], new MapType(new Field("key", lambda.Type, Nullable: false), type.Value)),
                        _ => new ScalarFunctionExpr(name, [map, BooleanLambda(lambda, f)], map.Type),
                    };
                }
            case "zip_with":
                {
                    var a = ArrayArgument(Value(0));
                    var b = ArrayArgument(Value(1));
                    var lambda = BindLambda(Lambda(2), [ElementOf(a), ElementOf(b)], context);
                    return new ScalarFunctionExpr(name, [a, b, lambda], Lists.ListOf(lambda.Type));
                }
            default:
                throw new SemanticException($"Function '{name}' does not take a lambda", f.Span, code: ErrorCode.FunctionNotFound);
        }
    }

    private static PhysicalExpr ArrayArgument(PhysicalExpr e) =>
        e.Type.Id == TypeId.Null ? Coercion.To(e, Lists.ListOf(DataType.Null)) : e;

    private static LambdaExpr BooleanLambda(LambdaExpr lambda, FunctionCall f)
    {
        if (lambda.Type.Id == TypeId.Boolean) return lambda;
        if (lambda.Type.Id == TypeId.Null) return lambda with { Body = Coercion.To(lambda.Body, DataType.Boolean) };
        throw new SemanticException($"The lambda of {f.Name.Last.CanonicalValue} must return boolean, not {lambda.Type.SqlName}", f.Span, code: ErrorCode.TypeMismatch);
    }

    /// <summary>Binds <c>(p1, ..., pn) -> body</c> with the given parameter types.</summary>
    private LambdaExpr BindLambda(LambdaExpression lambda, IReadOnlyList<DataType> types, ExprContext context)
    {
        if (lambda.Parameters.Count != types.Count)
        {
            throw new SemanticException($"Expected a lambda with {types.Count} parameter(s), found {lambda.Parameters.Count}", lambda.Span, code: ErrorCode.TypeMismatch);
        }
        var parameters = new List<(Logical.ColumnRef Column, LambdaVariableExpr Variable)>();
        for (var i = 0; i < types.Count; i++)
        {
            var name = lambda.Parameters[i].CanonicalValue;
            var column = NewColumn(name, types[i]);
            parameters.Add((column, new LambdaVariableExpr(column.Id, types[i], name)));
        }
        var scope = new Scope(parameters.Select(p => new ScopeColumn(null, p.Column.Name, p.Column)).ToArray(), context.Scope);
        var body = BindExpression(lambda.Body, context with { Scope = scope, AllowSubqueries = false });
        var replacements = parameters.ToDictionary(p => p.Column.Id, p => (PhysicalExpr)p.Variable);
        return new LambdaExpr(parameters.Select(p => p.Variable).ToArray(), ExprUtil.Substitute(body, replacements));
    }

    private static bool HasLambda(FunctionCall f) => f.Arguments.Any(a => a is Ast.LambdaExpression);
}
