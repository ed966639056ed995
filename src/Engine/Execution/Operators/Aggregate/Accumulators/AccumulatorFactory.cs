using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>Chooses the typed accumulator for an aggregate call and its (coerced) argument type.</summary>
internal static class AccumulatorFactory
{
    /// <summary>The argument type an aggregate consumes, given the bound argument type (mirrors FunctionRegistry.ResolveAggregate).</summary>
    public static DataType? InputType(AggregateCall call, DataType argType) => call.Function switch
    {
        AggregateFunction.CountStar => null,
        AggregateFunction.Avg when argType.IsInteger || argType.Id == TypeId.Null => DataType.Float64,
        AggregateFunction.StddevSamp or AggregateFunction.StddevPop or AggregateFunction.VarSamp or AggregateFunction.VarPop
            when argType.Id is not (TypeId.Float64 or TypeId.Float32) => DataType.Float64,
        AggregateFunction.Sum when argType.Id == TypeId.Null => DataType.Int64,
        AggregateFunction.CovarSamp or AggregateFunction.CovarPop or AggregateFunction.Corr or AggregateFunction.RegrSlope or AggregateFunction.RegrIntercept
            or AggregateFunction.GeometricMean => DataType.Float64,
        AggregateFunction.Min or AggregateFunction.Max or AggregateFunction.Arbitrary when argType.Id == TypeId.Null => call.Type,
        AggregateFunction.CountIf or AggregateFunction.BoolAnd or AggregateFunction.BoolOr => DataType.Boolean,
        _ => argType,
    };

    public static Accumulator Create(AggregateCall call, DataType? input)
    {
        var accumulator = CreatePlain(call, input);
        return call.Distinct && input is not null ? new DistinctAccumulator(accumulator, input) : accumulator;
    }

    private static Accumulator CreatePlain(AggregateCall call, DataType? input)
    {
        var result = call.Type;
        switch (call.Function)
        {
            case AggregateFunction.CountStar:
                return new CountAccumulator(CountAccumulator.Kind.Rows);
            case AggregateFunction.Count:
                return new CountAccumulator(CountAccumulator.Kind.NonNull);
            case AggregateFunction.CountIf:
                return new CountAccumulator(CountAccumulator.Kind.True);
            case AggregateFunction.Sum:
                return input!.Id switch
                {
                    TypeId.Int8 => new SumIntegerAccumulator<sbyte>(),
                    TypeId.Int16 => new SumIntegerAccumulator<short>(),
                    TypeId.Int32 => new SumIntegerAccumulator<int>(),
                    TypeId.Int64 => new SumIntegerAccumulator<long>(),
                    TypeId.Float32 => new SumFloatAccumulator<float>(result),
                    TypeId.Float64 => new SumFloatAccumulator<double>(result),
                    TypeId.Decimal128 => new SumDecimalAccumulator(result, (DecimalType)input),
                    _ => throw Unsupported(call, input),
                };
            case AggregateFunction.Avg:
                return input!.Id switch
                {
                    TypeId.Float32 => new AvgFloatAccumulator<float>(result),
                    TypeId.Float64 => new AvgFloatAccumulator<double>(result),
                    TypeId.Decimal128 => new AvgDecimalAccumulator((DecimalType)result, (DecimalType)input),
                    _ => throw Unsupported(call, input),
                };
            case AggregateFunction.Min or AggregateFunction.Max:
                return MinMax(call, input!, call.Function == AggregateFunction.Max);
            case AggregateFunction.BoolAnd:
                return new BooleanAccumulator(isOr: false);
            case AggregateFunction.BoolOr:
                return new BooleanAccumulator(isOr: true);
            case AggregateFunction.Arbitrary:
                return new ArbitraryAccumulator(input!);
            case AggregateFunction.ArrayAgg or AggregateFunction.MapAgg:
                return new CollectAccumulator(result, call.Order);
            case AggregateFunction.Histogram:
                return new CollectAccumulator(result, order: null, histogram: true);
            case AggregateFunction.StddevSamp or AggregateFunction.StddevPop or AggregateFunction.VarSamp or AggregateFunction.VarPop:
                {
                    var sample = call.Function is AggregateFunction.StddevSamp or AggregateFunction.VarSamp;
                    var sqrt = call.Function is AggregateFunction.StddevSamp or AggregateFunction.StddevPop;
                    return input!.Id == TypeId.Float32 ? new VarianceAccumulator<float>(sample, sqrt) : new VarianceAccumulator<double>(sample, sqrt);
                }
            case AggregateFunction.CovarSamp or AggregateFunction.CovarPop or AggregateFunction.Corr or AggregateFunction.RegrSlope or AggregateFunction.RegrIntercept:
                return new CovarianceAccumulator(call.Function);
            case AggregateFunction.MaxBy or AggregateFunction.MinBy:
                return ExtremeBy(call, input!, call.Function == AggregateFunction.MaxBy);
            case AggregateFunction.ApproxPercentile:
                return input!.Id switch
                {
                    TypeId.Int64 => new PercentileAccumulator<long>(input),
                    TypeId.Float32 => new PercentileAccumulator<float>(input),
                    TypeId.Float64 => new PercentileAccumulator<double>(input),
                    _ => throw Unsupported(call, input),
                };
            case AggregateFunction.GeometricMean:
                return new GeometricMeanAccumulator();
            case AggregateFunction.ApproxDistinct:
                // Types without a hash here (nested values) are counted exactly, which is within any error bound.
                return HyperLogLogAccumulator.Supports(input!)
                    ? new HyperLogLogAccumulator(input!)
                    : new DistinctAccumulator(new CountAccumulator(CountAccumulator.Kind.NonNull), input!);
            default:
                throw Unsupported(call, input);
        }
    }

    private static Accumulator MinMax(AggregateCall call, DataType input, bool max) => input.Id switch
    {
        TypeId.Int8 => max ? new MinMaxAccumulator<sbyte, MaxOf>(input) : new MinMaxAccumulator<sbyte, MinOf>(input),
        TypeId.Int16 => max ? new MinMaxAccumulator<short, MaxOf>(input) : new MinMaxAccumulator<short, MinOf>(input),
        TypeId.Int32 or TypeId.Date32 => max ? new MinMaxAccumulator<int, MaxOf>(input) : new MinMaxAccumulator<int, MinOf>(input),
        TypeId.Int64 or TypeId.Timestamp => max ? new MinMaxAccumulator<long, MaxOf>(input) : new MinMaxAccumulator<long, MinOf>(input),
        TypeId.Float32 => max ? new MinMaxAccumulator<float, MaxOf>(input) : new MinMaxAccumulator<float, MinOf>(input),
        TypeId.Float64 => max ? new MinMaxAccumulator<double, MaxOf>(input) : new MinMaxAccumulator<double, MinOf>(input),
        TypeId.Decimal128 => max ? new MinMaxAccumulator<Int128, MaxOf>(input) : new MinMaxAccumulator<Int128, MinOf>(input),
        TypeId.Utf8 or TypeId.Binary => new MinMaxBinaryAccumulator(input, max),
        TypeId.Boolean => new BooleanAccumulator(isOr: max),
        _ => throw Unsupported(call, input),
    };

    private static Accumulator ExtremeBy(AggregateCall call, DataType value, bool max) => call.Args[1].Type.Id switch
    {
        TypeId.Int8 => new ExtremeByAccumulator<sbyte>(value, max),
        TypeId.Int16 => new ExtremeByAccumulator<short>(value, max),
        TypeId.Int32 or TypeId.Date32 => new ExtremeByAccumulator<int>(value, max),
        TypeId.Int64 or TypeId.Timestamp => new ExtremeByAccumulator<long>(value, max),
        TypeId.Float32 => new ExtremeByAccumulator<float>(value, max),
        TypeId.Float64 => new ExtremeByAccumulator<double>(value, max),
        TypeId.Decimal128 => new ExtremeByAccumulator<Int128>(value, max),
        _ => throw Unsupported(call, call.Args[1].Type),
    };

    private static NotSupportedQueryException Unsupported(AggregateCall call, DataType? input) =>
        new($"aggregate {call.Function.ToString().ToLowerInvariant()}({input?.SqlName}) is not supported");
}
