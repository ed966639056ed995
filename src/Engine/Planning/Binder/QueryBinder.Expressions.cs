using System.Globalization;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Sql.Ast;
using Ast = QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Planning.Binder;

public sealed partial class QueryBinder
{
    private PhysicalExpr BindExpression(Ast.Expression e, ExprContext context)
    {
        switch (e)
        {
            case Identifier id:
                return ResolveColumn([id.CanonicalValue], id.Span, context).ToExpr();
            case DereferenceExpression d:
                return BindDereference(d, context);
            case ArrayConstructor a:
                return BindArrayConstructor(a, context);
            case RowConstructor r:
                return BindRowConstructor(r, context);
            case SubscriptExpression s:
                return BindSubscript(s, context);
            case Literal literal:
                return BindLiteral(literal);
            case ArithmeticBinaryExpression a:
                {
                    var left = BindExpression(a.Left, context);
                    var right = BindExpression(a.Right, context);
                    return IsTemporalArithmetic(a, left, right) ? BindTemporalArithmetic(a, left, right) : BindArithmetic(a, left, right);
                }
            case ArithmeticUnaryExpression u:
                {
                    var value = BindExpression(u.Value, context);
                    if (!value.Type.IsNumeric && value.Type.Id != TypeId.Null && value.Type is not IntervalType) throw new SemanticException($"Cannot negate {value.Type.SqlName}", u.Span, code: ErrorCode.TypeMismatch);
                    return u.Sign == UnarySign.Plus ? value : ConstantFolder.Fold(new NegateExpr(value));
                }
            case ComparisonExpression c:
                {
                    var (l, r) = Coercion.Unify(BindExpression(c.Left, context), BindExpression(c.Right, context), c.Span, Symbol(c.Operator));
                    if (l.Type is JsonType && c.Operator is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual))
                    {
                        // Trino's JSON has equality but no order.
                        throw new SemanticException($"Cannot apply operator: json {Symbol(c.Operator)} json (json is not orderable)", c.Span, code: ErrorCode.TypeMismatch);
                    }
                    return new BinaryExpr(ToBinaryOp(c.Operator), l, r, DataType.Boolean);
                }
            case IsDistinctFromExpression d:
                {
                    var (l, r) = Coercion.Unify(BindExpression(d.Left, context), BindExpression(d.Right, context), d.Span, "IS DISTINCT FROM");
                    return new BinaryExpr(d.Negated ? BinaryOp.NotDistinct : BinaryOp.Distinct, l, r, DataType.Boolean);
                }
            case LogicalExpression l:
                {
                    PhysicalExpr? result = null;
                    var op = l.Operator == LogicalOperator.And ? BinaryOp.And : BinaryOp.Or;
                    foreach (var term in l.Terms)
                    {
                        var bound = RequireBoolean(BindExpression(term, context), term, l.Operator.ToString().ToUpperInvariant());
                        result = result is null ? bound : new BinaryExpr(op, result, bound, DataType.Boolean);
                    }
                    return result!;
                }
            case NotExpression n:
                return new NotExpr(RequireBoolean(BindExpression(n.Value, context), n.Value, "NOT"));
            case IsNullPredicate n:
                return new IsNullExpr(BindExpression(n.Value, context), n.Negated);
            case BetweenPredicate b:
                {
                    var value = BindExpression(b.Value, context);
                    var min = BindExpression(b.Min, context);
                    var max = BindExpression(b.Max, context);
                    var type = Coercion.CommonType([value.Type, min.Type, max.Type], b.Span, "BETWEEN");
                    value = Coercion.To(value, type);
                    var between = new BinaryExpr(
                        BinaryOp.And,
                        new BinaryExpr(BinaryOp.GreaterOrEqual, value, Coercion.To(min, type), DataType.Boolean),
                        new BinaryExpr(BinaryOp.LessOrEqual, value, Coercion.To(max, type), DataType.Boolean),
                        DataType.Boolean);
                    return b.Negated ? new NotExpr(between) : between;
                }
            case InListExpression i:
                {
                    var value = BindExpression(i.Value, context);
                    var items = i.Values.Select(v => BindExpression(v, context)).ToList();
                    var type = Coercion.CommonType([value.Type, .. items.Select(x => x.Type)], i.Span, "IN");
                    return new InListExpr(Coercion.To(value, type), items.Select(x => Coercion.To(x, type)).ToArray(), i.Negated);
                }
            case LikePredicate like:
                {
                    var value = RequireString(BindExpression(like.Value, context), like.Value, "LIKE");
                    var pattern = RequireString(BindExpression(like.Pattern, context), like.Pattern, "LIKE pattern");
                    var escape = like.Escape is null ? null : RequireString(BindExpression(like.Escape, context), like.Escape, "ESCAPE");
                    return new LikeExpr(value, pattern, escape, like.Negated);
                }
            case CastExpression cast:
                {
                    var value = BindExpression(cast.Value, context);
                    var target = CastTarget(value, SqlTypes.FromSyntax(cast.Type));
                    if (value.Type.Equals(target)) return value;
                    if (!Coercion.CanCast(value.Type, target))
                    {
                        throw new SemanticException($"Cannot cast {value.Type.SqlName} to {target.SqlName}", cast.Span, code: ErrorCode.InvalidCast);
                    }
                    PhysicalExpr result = new CastExpr(value, target, cast.IsTry);
                    return value is LiteralExpr ? ConstantFolder.Fold(result) : result;
                }
            case SearchedCaseExpression c:
                return BindCase(c.WhenClauses.Select(w => (RequireBoolean(BindExpression(w.Operand, context), w.Operand, "CASE WHEN"), BindExpression(w.Result, context))).ToList(),
                    c.Default is null ? null : BindExpression(c.Default, context), c.Span);
            case SimpleCaseExpression c:
                {
                    var operand = BindExpression(c.Operand, context);
                    var whens = new List<(PhysicalExpr, PhysicalExpr)>();
                    foreach (var w in c.WhenClauses)
                    {
                        var (l, r) = Coercion.Unify(operand, BindExpression(w.Operand, context), w.Span, "=");
                        whens.Add((new BinaryExpr(BinaryOp.Equal, l, r, DataType.Boolean), BindExpression(w.Result, context)));
                    }
                    return BindCase(whens, c.Default is null ? null : BindExpression(c.Default, context), c.Span);
                }
            case ExtractExpression x:
                return BindTemporalFunction(ExtractFunction(x.Field), [BindExpression(x.Value, context)], x.Span);
            case FunctionCall f:
                return BindFunctionCall(f, context);
            case SubqueryExpression s:
                {
                    RequireSubqueriesAllowed(context, s);
                    var plan = BindQuery(s.Query, context.Scope).Plan;
                    if (plan.Output.Count != 1) throw new SemanticException($"Multiple columns returned by subquery are not yet supported. Found {plan.Output.Count}", s.Span);
                    return new SubqueryExpr(SubqueryKind.Scalar, plan, plan.Output[0].Type);
                }
            case ExistsPredicate x:
                {
                    RequireSubqueriesAllowed(context, x);
                    return new SubqueryExpr(SubqueryKind.Exists, BindQuery(x.Subquery, context.Scope).Plan, DataType.Boolean);
                }
            case InSubqueryExpression i:
                {
                    RequireSubqueriesAllowed(context, i);
                    var value = BindExpression(i.Value, context);
                    var plan = BindQuery(i.Subquery, context.Scope).Plan;
                    if (plan.Output.Count != 1) throw new SemanticException($"IN subquery must return one column, found {plan.Output.Count}", i.Subquery.Span);
                    var column = plan.Output[0];
                    var type = Coercion.CommonType(value.Type, column.Type)
                        ?? throw new SemanticException($"IN value and subquery types do not match: {value.Type.SqlName} and {column.Type.SqlName}", i.Span, code: ErrorCode.TypeMismatch);
                    if (!column.Type.Equals(type))
                    {
                        var coerced = NewColumn(column.Name, type);
                        plan = new Logical.ProjectNode(plan, [new Logical.Assignment(coerced, Coercion.To(column.ToExpr(), type))]);
                    }
                    return new InSubqueryExpr(Coercion.To(value, type), plan, i.Negated);
                }
            case QuantifiedComparisonExpression { Operator: ComparisonOperator.Equal, Quantifier: Quantifier.Any or Quantifier.Some } q:
                // x = ANY (subquery) is x IN (subquery), NULLs included.
                return BindExpression(new InSubqueryExpression(q.Value, q.Subquery, Negated: false) { Span = q.Span }, context);
            case QuantifiedComparisonExpression { Operator: ComparisonOperator.NotEqual, Quantifier: Quantifier.All } q:
                // x <> ALL (subquery) is x NOT IN (subquery), NULLs included.
                return BindExpression(new InSubqueryExpression(q.Value, q.Subquery, Negated: true) { Span = q.Span }, context);
            case QuantifiedComparisonExpression q:
                return BindQuantifiedComparison(q, context);
            case ParameterExpression p:
                if (p.Position >= _parameters.Count) throw new SemanticException($"Incorrect number of parameters: expected at least {p.Position + 1} but found {_parameters.Count}", p.Span);
                return _parameters[p.Position];
            case CurrentTimeExpression t:
                return BindCurrentTime(t);
            case AtTimeZoneExpression a:
                return BindAtTimeZone(a, context);
            case SessionContextExpression s when s.Function == SessionContextFunction.CurrentSchema:
                return new LiteralExpr(_currentDatabase, DataType.Utf8);
            case TrimExpression t:
                {
                    if (t.Characters is not null) throw new NotSupportedQueryException("TRIM with explicit characters is not supported yet", t.Span);
                    var name = t.Specification switch { TrimSpecification.Leading => "ltrim", TrimSpecification.Trailing => "rtrim", _ => "trim" };
                    return BindScalarFunction(name, [BindExpression(t.Value, context)], t.Span);
                }
            default:
                throw new NotSupportedQueryException($"{Describe(e)} is not supported yet", e.Span);
        }
    }

    private static string Describe(Ast.Expression e) => e switch
    {
        SubscriptExpression => "subscript access",
        ArrayConstructor => "ARRAY constructors",
        RowConstructor => "ROW constructors",
        LambdaExpression => "lambda expressions",
        _ => e.GetType().Name,
    };

    private static void RequireSubqueriesAllowed(ExprContext context, Ast.Expression e)
    {
        if (!context.AllowSubqueries) throw new NotSupportedQueryException("subqueries are not supported in this clause", e.Span);
    }

    private static List<string>? NameParts(Ast.Expression e)
    {
        switch (e)
        {
            case Identifier id:
                return [id.CanonicalValue];
            case DereferenceExpression d when NameParts(d.Base) is { } parts:
                parts.Add(d.Field.CanonicalValue);
                return parts;
            default:
                return null;
        }
    }

    private static Logical.ColumnRef ResolveColumn(IReadOnlyList<string> parts, SourceSpan span, ExprContext context)
    {
        var column = context.Scope.TryResolve(parts, span);
        if (column is not null) return column;
        var name = string.Join(".", parts);
        var suggestion = context.Scope.Suggest(parts[^1]);
        throw new NotFoundException(ErrorCode.ColumnNotFound, $"Column '{name}' cannot be resolved", span, suggestion is null ? null : $"did you mean '{suggestion}'?");
    }

    private static PhysicalExpr RequireBoolean(PhysicalExpr expr, Ast.Node at, string clause)
    {
        if (expr.Type.Id == TypeId.Boolean) return expr;
        if (expr.Type.Id == TypeId.Null) return Coercion.To(expr, DataType.Boolean);
        throw new SemanticException($"{clause} must evaluate to a boolean: actual type {expr.Type.SqlName}", at.Span, code: ErrorCode.TypeMismatch);
    }

    private static PhysicalExpr RequireString(PhysicalExpr expr, Ast.Node at, string what)
    {
        if (expr.Type.Id == TypeId.Utf8) return expr;
        if (expr.Type.Id == TypeId.Null) return Coercion.To(expr, DataType.Utf8);
        throw new SemanticException($"{what} expects varchar, found {expr.Type.SqlName}", at.Span, code: ErrorCode.TypeMismatch);
    }

    private static PhysicalExpr BindCase(List<(PhysicalExpr Condition, PhysicalExpr Result)> whens, PhysicalExpr? otherwise, SourceSpan span)
    {
        var types = whens.Select(w => w.Result.Type).ToList();
        if (otherwise is not null) types.Add(otherwise.Type);
        var type = Coercion.CommonType(types, span, "CASE");
        return new CaseExpr(
            whens.Select(w => new Expressions.WhenClause(w.Condition, Coercion.To(w.Result, type))).ToArray(),
            otherwise is null ? null : Coercion.To(otherwise, type),
            type);
    }

    private static PhysicalExpr BindArithmetic(ArithmeticBinaryExpression a, PhysicalExpr left, PhysicalExpr right)
    {
        var op = a.Operator switch
        {
            ArithmeticOperator.Add => BinaryOp.Add,
            ArithmeticOperator.Subtract => BinaryOp.Subtract,
            ArithmeticOperator.Multiply => BinaryOp.Multiply,
            ArithmeticOperator.Divide => BinaryOp.Divide,
            _ => BinaryOp.Modulo,
        };
        var result = TypeRules.Arithmetic(op, left.Type, right.Type)
            ?? throw new SemanticException($"Cannot apply operator: {left.Type.SqlName} {ExprPrinter.Symbol(op)} {right.Type.SqlName}", a.Span, code: ErrorCode.TypeMismatch);
        PhysicalExpr Operand(PhysicalExpr e)
        {
            if (result is DecimalType)
            {
                return e.Type.Id == TypeId.Null ? new LiteralExpr(null, result) : Coercion.To(e, TypeRules.AsDecimal(e.Type)!);
            }
            return Coercion.To(e, result);
        }
        var bound = new BinaryExpr(op, Operand(left), Operand(right), result);
        return left is LiteralExpr && right is LiteralExpr ? ConstantFolder.Fold(bound) : bound;
    }

    private PhysicalExpr BindFunctionCall(FunctionCall f, ExprContext context)
    {
        var name = f.Name.Last.CanonicalValue;
        if (f.Window is not null && name == "listagg") throw new NotSupportedQueryException("listagg is not supported as a window function", f.Span);
        if (f.Window is not null)
        {
            if (context.Windows?.TryGetValue(f, out var windowColumn) == true) return windowColumn!.ToExpr();
            throw new SemanticException("Window functions are allowed only in SELECT and ORDER BY", f.Span);
        }
        if (name == "grouping" && f.Name.Parts.Count == 1) return BindGroupingFunction(f, context);
        if (FunctionRegistry.IsAggregate(name))
        {
            if (context.Aggregation?.Aggregates.TryGetValue(f, out var column) == true)
            {
                return name == "listagg" ? FinishListagg(f, column!.ToExpr()) : column!.ToExpr();
            }
            throw new SemanticException($"Aggregate function '{name}' is not allowed here", f.Span);
        }
        if (f.Distinct || f.Filter is not null || f.OrderBy is not null)
        {
            throw new SemanticException($"DISTINCT, FILTER and ORDER BY are only allowed in aggregate functions, not in '{name}'", f.Span);
        }
        if (HasLambda(f)) return BindHigherOrder(name, f, context);
        var args = f.Arguments.Select(a => BindExpression(a, context)).ToList();
        switch (name)
        {
            case "coalesce":
                {
                    if (args.Count == 0) throw new SemanticException("coalesce requires at least one argument", f.Span);
                    var whens = args.Take(args.Count - 1).Select(a => ((PhysicalExpr)new IsNullExpr(a, Negated: true), a)).ToList();
                    return whens.Count == 0 ? args[0] : BindCase(whens, args[^1], f.Span);
                }
            case "nullif" when args.Count == 2:
                {
                    var (l, r) = Coercion.Unify(args[0], args[1], f.Span, "=");
                    return BindCase([(new BinaryExpr(BinaryOp.Equal, l, r, DataType.Boolean), new LiteralExpr(null, args[0].Type))], args[0], f.Span);
                }
            case "typeof" when args.Count == 1:
                return new LiteralExpr(args[0].Type.SqlName, DataType.Utf8);
            case "if" when args.Count is 2 or 3:
                return BindCase([(RequireBoolean(args[0], f.Arguments[0], "IF condition"), args[1])], args.Count == 3 ? args[2] : null, f.Span);
            case "concat":
                {
                    if (args.Count < 1) throw new SemanticException("concat requires at least one argument", f.Span);
                    if (args.Any(a => a.Type is ListType)) return BindArrayConcat(args, f.Span);
                    var result = RequireString(args[0], f.Arguments[0], "concat");
                    for (var i = 1; i < args.Count; i++)
                    {
                        result = new BinaryExpr(BinaryOp.Concat, result, RequireString(args[i], f.Arguments[i], "concat"), DataType.Utf8);
                    }
                    return result;
                }
            default:
                return BindTemporalFunction(name, args, f.Span);
        }
    }

    private static PhysicalExpr BindScalarFunction(string name, List<PhysicalExpr> args, SourceSpan span)
    {
        if (BindPicoTimestampFunction(name, args, span) is { } onMicros) return onMicros;
        var resolved = FunctionRegistry.ResolveScalar(name, args.Select(a => a.Type).ToArray());
        if (resolved is null)
        {
            var known = FunctionRegistry.ResolveScalar(name, []) is not null || KnownScalar(name);
            throw new SemanticException(
                known
                    ? $"Unexpected parameters ({string.Join(", ", args.Select(a => a.Type.SqlName))}) for function {name}"
                    : $"Function '{name}' not registered",
                span,
                code: ErrorCode.FunctionNotFound);
        }
        var coerced = args.Select((a, i) => Coercion.To(a, resolved.ArgTypes[i])).ToArray();
        PhysicalExpr call = new ScalarFunctionExpr(resolved.Name, coerced, resolved.ReturnType);
        return coerced.All(c => c is LiteralExpr) ? ConstantFolder.Fold(call) : call;
    }

    /// <summary>Whether some signature of <paramref name="name"/> exists (for a better error than "not registered").</summary>
    private static bool KnownScalar(string name)
    {
        DataType[] probes = [DataType.Utf8, DataType.Int64, DataType.Float64, DataType.Date32, DataType.Timestamp, DataType.Binary];
        foreach (var a in probes)
        {
            if (FunctionRegistry.ResolveScalar(name, [a]) is not null) return true;
            foreach (var b in probes)
            {
                if (FunctionRegistry.ResolveScalar(name, [a, b]) is not null) return true;
                foreach (var c in probes)
                {
                    if (FunctionRegistry.ResolveScalar(name, [a, b, c]) is not null) return true;
                }
            }
        }
        return false;
    }

    private static string ExtractFunction(ExtractField field) => field switch
    {
        ExtractField.Year => "year",
        ExtractField.Quarter => "quarter",
        ExtractField.Month => "month",
        ExtractField.Week => "week",
        ExtractField.Day => "day",
        ExtractField.DayOfWeek => "day_of_week",
        ExtractField.DayOfYear => "day_of_year",
        ExtractField.YearOfWeek => "year_of_week",
        ExtractField.Hour => "hour",
        ExtractField.Minute => "minute",
        ExtractField.Second => "second",
        ExtractField.TimezoneHour => "timezone_hour",
        _ => "timezone_minute",
    };

    private static PhysicalExpr BindLiteral(Literal literal)
    {
        switch (literal)
        {
            case LongLiteral l:
                return l.Value is >= int.MinValue and <= int.MaxValue ? new LiteralExpr((int)l.Value, DataType.Int32) : new LiteralExpr(l.Value, DataType.Int64);
            case DecimalLiteral d:
                return ParseDecimalLiteral(d);
            case DoubleLiteral d:
                return new LiteralExpr(d.Value, DataType.Float64);
            case StringLiteral s:
                return new LiteralExpr(s.Value, DataType.Utf8);
            case BinaryLiteral b:
                return new LiteralExpr(b.GetBytes(), DataType.Binary);
            case BooleanLiteral b:
                return new LiteralExpr(b.Value, DataType.Boolean);
            case NullLiteral:
                return new LiteralExpr(null, DataType.Null);
            case GenericLiteral g when g.Type.Equals("decimal", StringComparison.OrdinalIgnoreCase):
                {
                    // DECIMAL '1.50' keeps its written precision and scale, as a decimal literal does.
                    var text = g.Value.Trim();
                    if (!System.Text.RegularExpressions.Regex.IsMatch(text, @"^[+-]?(\d+\.?\d*|\.\d+)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant))
                    {
                        throw new SemanticException($"'{g.Value}' is not a valid decimal literal", g.Span, code: ErrorCode.InvalidCast);
                    }
                    return ParseDecimalLiteral(new DecimalLiteral(text) { Span = g.Span });
                }
            case GenericLiteral g when g.Type.Equals("timestamp", StringComparison.OrdinalIgnoreCase) && BindZonedTimestampLiteral(g) is { } zoned:
                return zoned;
            case GenericLiteral g when g.Type.Equals("timestamp", StringComparison.OrdinalIgnoreCase):
                {
                    // TIMESTAMP '2020-01-01 10:00:00.12' is timestamp(2): the precision is the number of fraction digits written.
                    var type = new TimestampType(null, TimestampLiteralPrecision(g));
                    var folded = ConstantFolder.Fold(new CastExpr(new LiteralExpr(g.Value, DataType.Utf8), type, IsTry: false));
                    if (folded is not LiteralExpr) throw new SemanticException($"'{g.Value}' is not a valid timestamp literal", g.Span, code: ErrorCode.InvalidCast);
                    return folded;
                }
            case GenericLiteral g when g.Type.Equals("json", StringComparison.OrdinalIgnoreCase):
                {
                    // JSON '...' parses its text as json_parse does (unlike CAST(varchar AS JSON), which makes a JSON string).
                    var canonical = JsonCanonicalText.TryCanonicalize(System.Text.Encoding.UTF8.GetBytes(g.Value))
                        ?? throw new SemanticException($"'{g.Value}' is not a valid JSON literal", g.Span, code: ErrorCode.InvalidCast);
                    return new LiteralExpr(canonical, JsonType.Instance);
                }
            case GenericLiteral g when g.Type.Equals("time", StringComparison.OrdinalIgnoreCase):
                {
                    // TIME '10:20:30.123' is time(3): the precision is the number of fraction digits written.
                    if (!TimeText.TryParse(g.Value, out var picos, out var digits))
                    {
                        throw new SemanticException($"'{g.Value}' is not a valid time literal", g.Span, code: ErrorCode.InvalidCast);
                    }
                    return new LiteralExpr(picos, new TimeType(digits));
                }
            case GenericLiteral g:
                {
                    var type = SqlTypes.FromSyntax(new DataTypeSyntax(g.Type, NodeList.Empty<DataTypeParameter>()) { Span = g.Span });
                    var folded = ConstantFolder.Fold(new CastExpr(new LiteralExpr(g.Value, DataType.Utf8), type, IsTry: false));
                    if (folded is not LiteralExpr) throw new SemanticException($"'{g.Value}' is not a valid {g.Type} literal", g.Span, code: ErrorCode.InvalidCast);
                    return folded;
                }
            case IntervalLiteral i:
                return BindIntervalLiteral(i);
            default:
                throw new NotSupportedQueryException($"{literal.GetType().Name} is not supported", literal.Span);
        }
    }

    /// <summary>Trino types <c>1.50</c> as decimal(3,2): precision counts the digits without leading zeros, scale the fraction digits.</summary>
    private static LiteralExpr ParseDecimalLiteral(DecimalLiteral d)
    {
        var text = d.Value;
        var negative = text.StartsWith('-');
        if (negative || text.StartsWith('+')) text = text[1..];
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var integerPart = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? string.Empty : text[(dot + 1)..];
        var digits = (integerPart + fraction).TrimStart('0');
        var scale = fraction.Length;
        var precision = Math.Max(Math.Max(digits.Length, scale), 1);
        if (precision > DecimalType.MaxPrecision)
        {
            return new LiteralExpr(double.Parse(d.Value, CultureInfo.InvariantCulture), DataType.Float64);
        }
        var unscaled = digits.Length == 0 ? Int128.Zero : Int128.Parse(digits, CultureInfo.InvariantCulture);
        return new LiteralExpr(negative ? -unscaled : unscaled, new DecimalType(precision, scale));
    }

    private static BinaryOp ToBinaryOp(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => BinaryOp.Equal,
        ComparisonOperator.NotEqual => BinaryOp.NotEqual,
        ComparisonOperator.LessThan => BinaryOp.Less,
        ComparisonOperator.LessThanOrEqual => BinaryOp.LessOrEqual,
        ComparisonOperator.GreaterThan => BinaryOp.Greater,
        _ => BinaryOp.GreaterOrEqual,
    };

    private static string Symbol(ComparisonOperator op) => ExprPrinter.Symbol(ToBinaryOp(op));

}
