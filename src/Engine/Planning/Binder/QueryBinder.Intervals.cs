using System.Globalization;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Planning.Binder;

/// <summary>INTERVAL literals and the arithmetic of dates, timestamps and intervals.</summary>
public sealed partial class QueryBinder
{
    private static bool IsDateTime(DataType t) => t.Id is TypeId.Date32 or TypeId.Timestamp && t is not IntervalType;

    private static bool IsTemporalArithmetic(ArithmeticBinaryExpression a, PhysicalExpr left, PhysicalExpr right) =>
        left.Type is IntervalType || right.Type is IntervalType
        || a.Operator == ArithmeticOperator.Subtract && IsDateTime(left.Type) && IsDateTime(right.Type)
        || a.Operator == ArithmeticOperator.Subtract && left.Type is TimeType && right.Type is TimeType;

    private static PhysicalExpr BindTemporalArithmetic(ArithmeticBinaryExpression a, PhysicalExpr left, PhysicalExpr right)
    {
        var add = a.Operator == ArithmeticOperator.Add;
        var subtract = a.Operator == ArithmeticOperator.Subtract;
        // TIME ± interval day to second wraps around midnight; TIME - TIME is an interval day to second.
        if ((add || subtract) && left.Type is TimeType && right.Type is IntervalType { IsYearToMonth: false })
        {
            return Call(add ? "$time_plus_interval" : "$time_minus_interval", [left, right], a.Span);
        }
        if (add && left.Type is IntervalType { IsYearToMonth: false } && right.Type is TimeType)
        {
            return Call("$time_plus_interval", [right, left], a.Span);
        }
        if (subtract && left.Type is TimeType && right.Type is TimeType)
        {
            return Call("$time_minus_time", [left, right], a.Span);
        }
        if ((add || subtract) && IsDateTime(left.Type) && right.Type is IntervalType)
        {
            if (BindZonedMonthArithmetic("$plus_interval", left, subtract ? Negate(right) : right, a.Span) is { } zonedMonths) return zonedMonths;
            return Call("$plus_interval", [left, subtract ? Negate(right) : right], a.Span);
        }
        if (add && left.Type is IntervalType && IsDateTime(right.Type))
        {
            if (BindZonedMonthArithmetic("$plus_interval", right, left, a.Span) is { } zonedMonths) return zonedMonths;
            return Call("$plus_interval", [right, left], a.Span);
        }
        if ((add || subtract) && left.Type is IntervalType && right.Type.Equals(left.Type))
        {
            return Call(add ? "$interval_add" : "$interval_subtract", [left, right], a.Span);
        }
        if (a.Operator == ArithmeticOperator.Multiply && left.Type is IntervalType && IsNumber(right.Type))
        {
            return Call("$interval_multiply", [left, right], a.Span);
        }
        if (a.Operator == ArithmeticOperator.Multiply && right.Type is IntervalType && IsNumber(left.Type))
        {
            return Call("$interval_multiply", [right, left], a.Span);
        }
        if (a.Operator == ArithmeticOperator.Divide && left.Type is IntervalType && IsNumber(right.Type))
        {
            return Call("$interval_divide", [left, right], a.Span);
        }
        if (subtract && IsDateTime(left.Type) && IsDateTime(right.Type))
        {
            var common = TypeRules.CommonSuperType(left.Type, right.Type)!;
            return Call("$interval_between", [Coercion.To(left, common), Coercion.To(right, common)], a.Span);
        }
        throw new SemanticException(
            $"Cannot apply operator: {left.Type.SqlName} {ArithmeticSymbol(a.Operator)} {right.Type.SqlName}", a.Span, code: ErrorCode.TypeMismatch);
    }

    private static bool IsNumber(DataType t) => t.IsNumeric || t.Id == TypeId.Null;

    private static string ArithmeticSymbol(ArithmeticOperator op) => op switch
    {
        ArithmeticOperator.Add => "+",
        ArithmeticOperator.Subtract => "-",
        ArithmeticOperator.Multiply => "*",
        ArithmeticOperator.Divide => "/",
        _ => "%",
    };

    private static PhysicalExpr Negate(PhysicalExpr e) => ConstantFolder.Fold(new NegateExpr(e));

    private static PhysicalExpr Call(string name, List<PhysicalExpr> args, SourceSpan span) => BindScalarFunction(name, args, span);

    /// <summary>
    /// <c>INTERVAL '3' DAY</c>, <c>INTERVAL '1 02:03:04.5' DAY TO SECOND</c>, <c>INTERVAL '1-2' YEAR TO MONTH</c>: YEAR and
    /// MONTH fields make an interval year to month (months), the others an interval day to second (milliseconds).
    /// </summary>
    private static LiteralExpr BindIntervalLiteral(IntervalLiteral interval)
    {
        var start = interval.StartField;
        var end = interval.EndField ?? start;
        var yearMonth = start <= IntervalField.Month;
        if (end < start || yearMonth != (end <= IntervalField.Month))
        {
            throw new SemanticException($"Invalid interval qualifier {start} TO {end}".ToUpperInvariant(), interval.Span);
        }
        var text = interval.Value.Trim();
        var negative = text.StartsWith('-');
        if (negative || text.StartsWith('+')) text = text[1..].TrimStart();
        if (interval.Sign == IntervalSign.Negative) negative = !negative;
        SemanticException Invalid() => new($"Invalid INTERVAL {Qualifier(start, end)} value: '{interval.Value}'", interval.Span);

        if (yearMonth)
        {
            long months;
            if (start == end)
            {
                if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) throw Invalid();
                months = start == IntervalField.Year ? n * 12 : n;
            }
            else
            {
                var parts = text.Split('-');
                if (parts.Length != 2
                    || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var years)
                    || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m))
                {
                    throw Invalid();
                }
                months = years * 12 + m;
            }
            if (negative) months = -months;
            if (months is > int.MaxValue or < int.MinValue) throw Invalid();
            return new LiteralExpr((int)months, IntervalType.YearToMonth);
        }

        // Day to second: the fields from start to end, day separated by a space and the rest by colons.
        var values = new List<string>();
        var rest = text;
        if (start == IntervalField.Day && end > IntervalField.Day)
        {
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0) throw Invalid();
            values.Add(rest[..space]);
            rest = rest[(space + 1)..].Trim();
            values.AddRange(rest.Split(':'));
        }
        else
        {
            values.AddRange(rest.Split(':'));
        }
        if (values.Count != end - start + 1) throw Invalid();
        decimal millis = 0;
        for (var i = 0; i < values.Count; i++)
        {
            var field = start + i;
            var isSecond = field == IntervalField.Second;
            if (!decimal.TryParse(values[i], isSecond ? NumberStyles.AllowDecimalPoint : NumberStyles.None, CultureInfo.InvariantCulture, out var v)) throw Invalid();
            millis += v * field switch
            {
                IntervalField.Day => 86_400_000m,
                IntervalField.Hour => 3_600_000m,
                IntervalField.Minute => 60_000m,
                _ => 1000m,
            };
        }
        millis = decimal.Truncate(millis);
        if (millis > long.MaxValue) throw Invalid();
        return new LiteralExpr(negative ? -(long)millis : (long)millis, IntervalType.DayToSecond);
    }

    private static string Qualifier(IntervalField start, IntervalField end) =>
        (start == end ? start.ToString() : $"{start} TO {end}").ToUpperInvariant();
}
