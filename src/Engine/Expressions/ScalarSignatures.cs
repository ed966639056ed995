using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Expressions;

/// <summary>
/// Signature table of the scalar functions the executor implements. Each entry maps a lower-case name and
/// argument types to the canonical name, the argument types to coerce to and the return type.
/// </summary>
internal static class ScalarSignatures
{
    public static ResolvedFunction? Resolve(string name, IReadOnlyList<DataType> args)
    {
        switch (name)
        {
            // Date parts: extract(field FROM x) is bound to these.
            case "year" or "month" or "day" or "quarter" or "day_of_week" or "dow" or "day_of_year" or "doy" or "week" or "hour" or "minute" or "second"
                when args.Count == 1 && args[0].Id is TypeId.Date32 or TypeId.Timestamp:
                return new ResolvedFunction(Canonical(name), [args[0]], DataType.Int64);
            case "substring" or "substr" when args.Count is 2 or 3 && args[0].Id is TypeId.Utf8 or TypeId.Null:
                return new ResolvedFunction("substring", args.Count == 2 ? [DataType.Utf8, DataType.Int64] : [DataType.Utf8, DataType.Int64, DataType.Int64], DataType.Utf8);
            case "length" when args.Count == 1 && args[0].Id is TypeId.Utf8 or TypeId.Null:
                return new ResolvedFunction("length", [DataType.Utf8], DataType.Int64);
            case "lower" or "upper" or "trim" or "ltrim" or "rtrim" or "reverse" when args.Count == 1 && args[0].Id is TypeId.Utf8 or TypeId.Null:
                return new ResolvedFunction(name, [DataType.Utf8], DataType.Utf8);
            case "abs" when args.Count == 1 && args[0].IsNumeric:
                return new ResolvedFunction("abs", [args[0]], args[0]);
            default:
                return null;
        }
    }

    private static string Canonical(string name) => name switch
    {
        "dow" => "day_of_week",
        "doy" => "day_of_year",
        _ => name,
    };
}
