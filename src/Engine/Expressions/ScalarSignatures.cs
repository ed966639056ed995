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
            case "year" or "month" or "day" or "day_of_month" or "quarter" or "day_of_week" or "dow" or "day_of_year" or "doy" or "week" or "week_of_year"
                or "year_of_week" or "yow"
                or "hour" or "minute" or "second"
                when args.Count == 1 && args[0].Id is TypeId.Date32 or TypeId.Timestamp:
                return new ResolvedFunction(Canonical(name), [args[0]], DataType.Int64);
            case "try" when args.Count == 1:
                return new ResolvedFunction("try", [args[0]], args[0]);
            case "substring" or "substr" when args.Count is 2 or 3 && IsText(args[0]) && AllIntegers(args, 1):
                return new ResolvedFunction("substring", args.Count == 2 ? [DataType.Utf8, DataType.Int64] : [DataType.Utf8, DataType.Int64, DataType.Int64], DataType.Utf8);
            case "length" or "char_length" or "character_length" when args.Count == 1 && IsText(args[0]):
                return new ResolvedFunction("length", [DataType.Utf8], DataType.Int64);
            case "lower" or "upper" or "trim" or "ltrim" or "rtrim" or "reverse" when args.Count == 1 && IsText(args[0]):
                return new ResolvedFunction(name, [DataType.Utf8], DataType.Utf8);
            case "abs" when args.Count == 1 && args[0].IsNumeric:
                return new ResolvedFunction("abs", [args[0]], args[0]);
            case "coalesce" when args.Count >= 1:
                return Uniform("coalesce", args);
            case "greatest" or "least" when args.Count >= 1:
                {
                    var r = Uniform(name, args);
                    return r is not null && IsOrderable(r.ReturnType) ? r : null;
                }
            case "nullif" when args.Count == 2 && TypeRules.CommonSuperType(args[0], args[1]) is not null:
                return new ResolvedFunction("nullif", [args[0], args[1]], args[0]);
            case "if" when args.Count is 2 or 3 && args[0].Id is TypeId.Boolean or TypeId.Null:
                {
                    var type = args.Count == 2 ? args[1] : TypeRules.CommonSuperType(args[1], args[2]);
                    if (type is null) return null;
                    return new ResolvedFunction("if", args.Count == 2 ? [DataType.Boolean, type] : [DataType.Boolean, type, type], type);
                }
            case "concat" when args.Count >= 1 && AllText(args):
                return new ResolvedFunction("concat", Repeat(DataType.Utf8, args.Count), DataType.Utf8);
            case "round" when args.Count == 1 && args[0].IsNumeric:
                return new ResolvedFunction("round", [args[0]], args[0] is DecimalType d ? WholeDecimal(d) : args[0]);
            case "round" when args.Count == 2 && args[0].IsNumeric && args[1].IsInteger:
                return new ResolvedFunction("round", [args[0], DataType.Int64],
                    args[0] is DecimalType d2 ? new DecimalType(Math.Min(DecimalType.MaxPrecision, d2.Precision + 1), d2.Scale) : args[0]);
            case "floor" or "ceil" or "ceiling" when args.Count == 1 && args[0].IsNumeric:
                return new ResolvedFunction(name == "floor" ? "floor" : "ceiling", [args[0]], args[0] is DecimalType d3 ? WholeDecimal(d3) : args[0]);
            case "mod" when args.Count == 2 && args[0].IsNumeric && args[1].IsNumeric:
                {
                    var result = TypeRules.Arithmetic(BinaryOp.Modulo, args[0], args[1]);
                    if (result is null) return null;
                    return result is DecimalType
                        ? new ResolvedFunction("mod", [TypeRules.AsDecimal(args[0])!, TypeRules.AsDecimal(args[1])!], result)
                        : new ResolvedFunction("mod", [result, result], result);
                }
            case "power" or "pow" when args.Count == 2 && IsNumber(args[0]) && IsNumber(args[1]):
                return new ResolvedFunction("power", [DataType.Float64, DataType.Float64], DataType.Float64);
            case "sqrt" or "ln" or "exp" or "log10" or "log2" or "cbrt" when args.Count == 1 && IsNumber(args[0]):
                return new ResolvedFunction(name, [DataType.Float64], DataType.Float64);
            case "truncate" when args.Count == 1 && args[0].IsFloating:
                return new ResolvedFunction("truncate", [DataType.Float64], DataType.Float64);
            case "truncate" when args.Count == 1 && args[0] is DecimalType td:
                return new ResolvedFunction("truncate", [td], new DecimalType(Math.Max(1, td.Precision - td.Scale), 0));
            case "truncate" when args.Count == 2 && args[1].IsInteger && args[0] is DecimalType tdn:
                return new ResolvedFunction("truncate", [tdn, DataType.Int64], tdn);
            case "truncate" when args.Count == 2 && args[1].IsInteger && (args[0].IsFloating || args[0].IsInteger):
                return new ResolvedFunction("truncate", [DataType.Float64, DataType.Int64], DataType.Float64);
            case "sign" when args.Count == 1 && (args[0].IsInteger || args[0].IsFloating):
                return new ResolvedFunction("sign", [args[0]], args[0]);
            case "strpos" when args.Count == 2 && AllText(args):
                return new ResolvedFunction("strpos", [DataType.Utf8, DataType.Utf8], DataType.Int64);
            case "starts_with" when args.Count == 2 && AllText(args):
                return new ResolvedFunction("starts_with", [DataType.Utf8, DataType.Utf8], DataType.Boolean);
            case "replace" when args.Count is 2 or 3 && AllText(args):
                return new ResolvedFunction("replace", Repeat(DataType.Utf8, args.Count), DataType.Utf8);
            case "split_part" when args.Count == 3 && IsText(args[0]) && IsText(args[1]) && IsInteger(args[2]):
                return new ResolvedFunction("split_part", [DataType.Utf8, DataType.Utf8, DataType.Int64], DataType.Utf8);
            case "lpad" or "rpad" when args.Count == 3 && IsText(args[0]) && IsInteger(args[1]) && IsText(args[2]):
                return new ResolvedFunction(name, [DataType.Utf8, DataType.Int64, DataType.Utf8], DataType.Utf8);
            case "date_add" when args.Count == 3 && IsText(args[0]) && IsInteger(args[1]) && args[2].Id is TypeId.Date32 or TypeId.Timestamp:
                return new ResolvedFunction("date_add", [DataType.Utf8, DataType.Int64, args[2]], args[2]);
            case "date_diff" when args.Count == 3 && IsText(args[0]) && args[1].Id is TypeId.Date32 or TypeId.Timestamp && args[2].Id is TypeId.Date32 or TypeId.Timestamp:
                {
                    var type = TypeRules.CommonSuperType(args[1], args[2]);
                    return type is null ? null : new ResolvedFunction("date_diff", [DataType.Utf8, type, type], DataType.Int64);
                }
            case "date_trunc" when args.Count == 2 && IsText(args[0]) && args[1].Id is TypeId.Date32 or TypeId.Timestamp:
                return new ResolvedFunction("date_trunc", [DataType.Utf8, args[1]], args[1]);
            default:
                return Functions.Temporal.TimeFunctions.Resolve(name, args) ?? Functions.Nested.NestedSignatures.Resolve(name, args) ?? Functions.IntervalFunctions.Resolve(name, args)
                    ?? Functions.LibrarySignatures.Resolve(name, args) ?? Functions.Temporal.DateTimeTextFunctions.Resolve(name, args)
                    ?? Functions.Temporal.ZonedFunctions.Resolve(name, args) ?? Functions.ListaggFunction.Resolve(name, args)
                    ?? Functions.Temporal.PicoTimestampFunctions.Resolve(name, args);
        }
    }

    private static bool IsText(DataType t) => t.Id is TypeId.Utf8 or TypeId.Null;

    private static bool IsInteger(DataType t) => t.IsInteger || t.Id == TypeId.Null;

    private static bool IsNumber(DataType t) => t.IsNumeric || t.Id == TypeId.Null;

    private static bool AllText(IReadOnlyList<DataType> args)
    {
        foreach (var a in args)
        {
            if (!IsText(a)) return false;
        }
        return true;
    }

    private static bool AllIntegers(IReadOnlyList<DataType> args, int from)
    {
        for (var i = from; i < args.Count; i++)
        {
            if (!IsInteger(args[i])) return false;
        }
        return true;
    }

    private static DataType[] Repeat(DataType type, int count)
    {
        var result = new DataType[count];
        Array.Fill(result, type);
        return result;
    }

    private static bool IsOrderable(DataType t) =>
        t.IsNumeric || t is TimeType or TimestampType || t.Id is TypeId.Utf8 or TypeId.Date32 && t is not JsonType;

    /// <summary>Trino's result type of round/floor/ceiling without digits: decimal(p - s + min(s, 1), 0).</summary>
    private static DecimalType WholeDecimal(DecimalType d) => new(Math.Max(1, d.Precision - d.Scale + Math.Min(d.Scale, 1)), 0);

    /// <summary>All arguments coerced to their common super type, which is also the result.</summary>
    private static ResolvedFunction? Uniform(string name, IReadOnlyList<DataType> args)
    {
        var type = args[0];
        for (var i = 1; i < args.Count; i++)
        {
            var common = TypeRules.CommonSuperType(type, args[i]);
            if (common is null) return null;
            type = common;
        }
        return new ResolvedFunction(name, Repeat(type, args.Count), type);
    }

    private static string Canonical(string name) => name switch
    {
        "dow" => "day_of_week",
        "doy" => "day_of_year",
        "day_of_month" => "day",
        "week_of_year" => "week",
        "yow" => "year_of_week",
        _ => name,
    };
}
