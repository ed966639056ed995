using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Expressions;

/// <summary>The signature a call resolved to: argument types to coerce to and the result type.</summary>
public sealed record ResolvedFunction(string Name, IReadOnlyList<DataType> ArgTypes, DataType ReturnType);

/// <summary>The signature an aggregate call resolved to.</summary>
public sealed record ResolvedAggregate(AggregateFunction Function, IReadOnlyList<DataType> ArgTypes, DataType ReturnType);

/// <summary>
/// Resolves function names and argument types to signatures, as Trino does (names are case-insensitive).
/// The executor evaluates a <see cref="ScalarFunctionExpr"/> by its canonical name.
/// </summary>
public static partial class FunctionRegistry
{
    /// <summary>Resolves a scalar function, or returns null when no signature matches.</summary>
    public static ResolvedFunction? ResolveScalar(string name, IReadOnlyList<DataType> argTypes)
    {
        var resolved = ScalarSignatures.Resolve(name.ToLowerInvariant(), argTypes);
        return resolved is null || KeepsOwnTypes(argTypes, resolved.ArgTypes) ? resolved : null;
    }

    /// <summary>
    /// JSON and TIME values never convert implicitly (Trino has no such coercion): a signature that would cast one to
    /// another type (JSON to varchar, TIME to bigint: both share a physical layout) does not apply.
    /// </summary>
    private static bool KeepsOwnTypes(IReadOnlyList<DataType> actual, IReadOnlyList<DataType> declared)
    {
        for (var i = 0; i < actual.Count && i < declared.Count; i++)
        {
            if (actual[i] is JsonType && declared[i] is not JsonType) return false;
            if (actual[i] is TimeType && declared[i] is not TimeType) return false;
        }
        return true;
    }

    public static bool IsAggregate(string name) => AggregateByName(name.ToLowerInvariant()) is not null;

    /// <summary>Resolves an aggregate; null when <paramref name="name"/> is not an aggregate or the argument types do not fit.</summary>
    public static ResolvedAggregate? ResolveAggregate(string name, IReadOnlyList<DataType> argTypes, bool isCountStar)
    {
        if (isCountStar) return new ResolvedAggregate(AggregateFunction.CountStar, [], DataType.Int64);
        var function = AggregateByName(name.ToLowerInvariant());
        if (function is null) return null;
        if (function == AggregateFunction.MapAgg)
        {
            if (argTypes.Count != 2) return null;
            return new ResolvedAggregate(function.Value, [argTypes[0], argTypes[1]],
                new MapType(new Field("key", argTypes[0], Nullable: false), new Field("value", argTypes[1])));
        }
        if (function is AggregateFunction.ApproxDistinct && argTypes.Count == 2)
        {
            return IsNumber(argTypes[1]) ? new ResolvedAggregate(function.Value, [argTypes[0], DataType.Float64], DataType.Int64) : null;
        }
        if (function is AggregateFunction.MaxBy or AggregateFunction.MinBy)
        {
            if (argTypes.Count != 2 || !IsExtremeKey(argTypes[1])) return null;
            var value = argTypes[0].Id == TypeId.Null ? DataType.Int64 : argTypes[0];
            return new ResolvedAggregate(function.Value, [value, argTypes[1].Id == TypeId.Null ? DataType.Int64 : argTypes[1]], value);
        }
        if (function is AggregateFunction.ApproxPercentile)
        {
            if (argTypes.Count != 2 || !IsNumber(argTypes[1])) return null;
            DataType? value = argTypes[0].Id switch
            {
                TypeId.Int8 or TypeId.Int16 or TypeId.Int32 or TypeId.Int64 or TypeId.Null => DataType.Int64,
                TypeId.Float32 or TypeId.Float64 => argTypes[0],
                _ => null,
            };
            return value is null ? null : new ResolvedAggregate(function.Value, [value, DataType.Float64], value);
        }
        if (function is AggregateFunction.CovarSamp or AggregateFunction.CovarPop or AggregateFunction.Corr or AggregateFunction.RegrSlope or AggregateFunction.RegrIntercept)
        {
            if (argTypes.Count != 2 || !IsNumber(argTypes[0]) || !IsNumber(argTypes[1])) return null;
            return new ResolvedAggregate(function.Value, [DataType.Float64, DataType.Float64], DataType.Float64);
        }
        if (argTypes.Count != 1) return null;
        var arg = argTypes[0];
        DataType? result = function switch
        {
            AggregateFunction.Count or AggregateFunction.ApproxDistinct => DataType.Int64,
            AggregateFunction.CountIf => arg.Id is TypeId.Boolean or TypeId.Null ? DataType.Int64 : null,
            AggregateFunction.Sum => arg.Id switch
            {
                TypeId.Int8 or TypeId.Int16 or TypeId.Int32 or TypeId.Int64 or TypeId.Null => DataType.Int64,
                TypeId.Float32 => DataType.Float32,
                TypeId.Float64 => DataType.Float64,
                TypeId.Decimal128 when arg is DecimalType decimalArg => new DecimalType(DecimalType.MaxPrecision, decimalArg.Scale),
                _ => null,
            },
            AggregateFunction.Avg => arg.Id switch
            {
                TypeId.Int8 or TypeId.Int16 or TypeId.Int32 or TypeId.Int64 or TypeId.Float64 or TypeId.Null => DataType.Float64,
                TypeId.Float32 => DataType.Float32,
                TypeId.Decimal128 when arg is DecimalType => arg,
                _ => null,
            },
            AggregateFunction.ArrayAgg => new ListType(new Field("element", arg)),
            AggregateFunction.Histogram => new MapType(new Field("key", arg, Nullable: false), new Field("value", DataType.Int64)),
            AggregateFunction.Min or AggregateFunction.Max or AggregateFunction.Arbitrary => arg.IsNested && arg.Id != TypeId.Struct && function != AggregateFunction.Arbitrary ? null : arg,
            AggregateFunction.BoolAnd or AggregateFunction.BoolOr => arg.Id is TypeId.Boolean or TypeId.Null ? DataType.Boolean : null,
            AggregateFunction.StddevSamp or AggregateFunction.StddevPop or AggregateFunction.VarSamp or AggregateFunction.VarPop
                or AggregateFunction.GeometricMean =>
                IsNumber(arg) ? DataType.Float64 : null,
            _ => null,
        };
        if (result is null) return null;
        var argType = function is AggregateFunction.StddevSamp or AggregateFunction.StddevPop or AggregateFunction.VarSamp or AggregateFunction.VarPop
                or AggregateFunction.GeometricMean
            || function == AggregateFunction.Avg && arg.IsInteger
            ? DataType.Float64
            : arg.Id == TypeId.Null && function is AggregateFunction.Sum ? DataType.Int64 : arg;
        return new ResolvedAggregate(function.Value, [argType], result);
    }

    /// <summary>Key types of max_by/min_by: numbers, dates and timestamps.</summary>
    private static bool IsExtremeKey(DataType t) => t.Id is TypeId.Int8 or TypeId.Int16 or TypeId.Int32 or TypeId.Int64 or TypeId.Float32
        or TypeId.Float64 or TypeId.Decimal128 or TypeId.Date32 or TypeId.Timestamp or TypeId.Null || t is TimestampType;

    private static bool IsNumber(DataType t) => t.IsNumeric || t.Id == TypeId.Null;

    /// <summary>Aggregate names and the scalar names of <see cref="Functions.LibrarySignatures"/>, for documentation.</summary>
    public static IReadOnlyList<string> AggregateNames { get; } =
    [
        "count", "count_if", "sum", "avg", "min", "max", "bool_and", "every", "bool_or", "arbitrary", "any_value",
        "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop", "array_agg", "map_agg", "histogram",
        "covar_samp", "covar_pop", "corr", "regr_slope", "regr_intercept", "geometric_mean", "approx_distinct", "max_by", "min_by", "approx_percentile",
        "listagg",
    ];

    private static AggregateFunction? AggregateByName(string name) => name switch
    {
        "count" => AggregateFunction.Count,
        "count_if" => AggregateFunction.CountIf,
        "sum" => AggregateFunction.Sum,
        "avg" => AggregateFunction.Avg,
        "min" => AggregateFunction.Min,
        "max" => AggregateFunction.Max,
        "bool_and" or "every" => AggregateFunction.BoolAnd,
        "bool_or" => AggregateFunction.BoolOr,
        "arbitrary" or "any_value" => AggregateFunction.Arbitrary,
        "stddev" or "stddev_samp" => AggregateFunction.StddevSamp,
        "stddev_pop" => AggregateFunction.StddevPop,
        "variance" or "var_samp" => AggregateFunction.VarSamp,
        "var_pop" => AggregateFunction.VarPop,
        "array_agg" or "listagg" => AggregateFunction.ArrayAgg,
        "map_agg" => AggregateFunction.MapAgg,
        "histogram" => AggregateFunction.Histogram,
        "covar_samp" => AggregateFunction.CovarSamp,
        "covar_pop" => AggregateFunction.CovarPop,
        "corr" => AggregateFunction.Corr,
        "regr_slope" => AggregateFunction.RegrSlope,
        "regr_intercept" => AggregateFunction.RegrIntercept,
        "geometric_mean" => AggregateFunction.GeometricMean,
        "approx_distinct" => AggregateFunction.ApproxDistinct,
        "max_by" => AggregateFunction.MaxBy,
        "approx_percentile" => AggregateFunction.ApproxPercentile,
        "min_by" => AggregateFunction.MinBy,
        _ => null,
    };
}
