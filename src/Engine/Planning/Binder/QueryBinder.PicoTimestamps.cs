using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Expressions.Functions.Temporal;

namespace QueryEngine.Engine.Planning.Binder;

/// <summary>
/// Functions given a timestamp(7..12) whose result depends only on the value's whole microseconds: they run on the
/// value cut down to microseconds (<see cref="PicoTimestampFunctions.FloorMicros"/>). date_trunc (units of a
/// millisecond and up) gives back the argument's type. Every other temporal function rejects timestamp(7..12) with
/// the usual "Unexpected parameters" error naming the function and the type.
/// </summary>
public sealed partial class QueryBinder
{
    private static readonly HashSet<string> WholeMicrosFunctions = new(StringComparer.Ordinal)
    {
        "year", "quarter", "month", "week", "week_of_year", "day", "day_of_month", "day_of_week", "dow", "day_of_year", "doy",
        "year_of_week", "yow", "hour", "minute", "second", "millisecond", "last_day_of_month",
    };

    private static PhysicalExpr? BindPicoTimestampFunction(string name, List<PhysicalExpr> args, SourceSpan span)
    {
        switch (name)
        {
            case var _ when args.Count == 1 && args[0].Type is TimestampType { IsPicos: true } && WholeMicrosFunctions.Contains(name):
                return BindScalarFunction(name, [FloorToMicros(args[0])], span);
            case "date_format" or "format_datetime" when args.Count == 2 && args[0].Type is TimestampType { IsPicos: true }:
                return BindScalarFunction(name, [FloorToMicros(args[0]), args[1]], span);
            case "date_trunc" when args.Count == 2 && args[1].Type is TimestampType { IsPicos: true } type:
                return Coercion.To(BindScalarFunction(name, [args[0], FloorToMicros(args[1])], span), type);
            default:
                return null;
        }
    }

    private static PhysicalExpr FloorToMicros(PhysicalExpr value)
    {
        PhysicalExpr call = new ScalarFunctionExpr(PicoTimestampFunctions.FloorMicros, [value], ((TimestampType)value.Type).WithPrecision(TimestampType.MaxPrecision));
        return value is LiteralExpr ? ConstantFolder.Fold(call) : call;
    }
}
