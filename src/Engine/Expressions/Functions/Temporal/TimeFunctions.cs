using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Functions.Temporal;

/// <summary>
/// Trino's functions on TIME(p) (picoseconds of day): hour, minute, second, millisecond (also through EXTRACT),
/// date_trunc, date_add and date_diff with the units millisecond, second, minute and hour, time ± interval day to second
/// (wrapping around midnight) and time - time (an interval day to second).
/// </summary>
internal static class TimeFunctions
{
    private const long PicosPerMilli = 1_000_000_000;

    public static readonly IReadOnlyList<string> Names = ["hour", "minute", "second", "millisecond", "date_trunc", "date_add", "date_diff"];

    public static ResolvedFunction? Resolve(string name, IReadOnlyList<DataType> a)
    {
        var n = a.Count;
        switch (name)
        {
            case "hour" or "minute" or "second" or "millisecond" when n == 1 && a[0] is TimeType:
                return new("$time_" + name, [a[0]], DataType.Int64);
            case "$time_hour" or "$time_minute" or "$time_second" or "$time_millisecond" when n == 1 && a[0] is TimeType:
                return new(name, [a[0]], DataType.Int64);
            case "date_trunc" or "$time_trunc" when n == 2 && Text(a[0]) && a[1] is TimeType:
                return new("$time_trunc", [DataType.Utf8, a[1]], a[1]);
            case "date_add" or "$time_add" when n == 3 && Text(a[0]) && (a[1].IsInteger || a[1].Id == TypeId.Null) && a[2] is TimeType:
                return new("$time_add", [DataType.Utf8, DataType.Int64, a[2]], a[2]);
            case "date_diff" or "$time_diff" when n == 3 && Text(a[0]) && a[1] is TimeType t1 && a[2] is TimeType t2:
                {
                    var common = t1.Precision >= t2.Precision ? t1 : t2;
                    return new("$time_diff", [DataType.Utf8, common, common], DataType.Int64);
                }
            case "$time_plus_interval" or "$time_minus_interval" when n == 2 && a[0] is TimeType && a[1] is IntervalType { IsYearToMonth: false }:
                return new(name, [a[0], a[1]], a[0]);
            case "$time_minus_time" when n == 2 && a[0] is TimeType t1 && a[1] is TimeType t2:
                {
                    var common = t1.Precision >= t2.Precision ? t1 : t2;
                    return new(name, [common, common], IntervalType.DayToSecond);
                }
            default:
                return null;
        }
    }

    public static Evaluator? Compile(string name, Evaluator[] args, DataType type)
    {
        FunctionKernel? kernel = name switch
        {
            "$time_hour" => (a, n) => RowKernels.Values<long, FieldOp>(a, n, DataType.Int64, new FieldOp(a[0], 3_600 * TimeType.PicosPerSecond, 24)),
            "$time_minute" => (a, n) => RowKernels.Values<long, FieldOp>(a, n, DataType.Int64, new FieldOp(a[0], 60 * TimeType.PicosPerSecond, 60)),
            "$time_second" => (a, n) => RowKernels.Values<long, FieldOp>(a, n, DataType.Int64, new FieldOp(a[0], TimeType.PicosPerSecond, 60)),
            "$time_millisecond" => (a, n) => RowKernels.Values<long, FieldOp>(a, n, DataType.Int64, new FieldOp(a[0], PicosPerMilli, 1000)),
            "$time_trunc" => Truncate(UnitPicos(FunctionCompiler.ConstantText(args[0], "date_trunc")), type),
            "$time_add" => Add(UnitPicos(FunctionCompiler.ConstantText(args[0], "date_add")), type),
            "$time_diff" => Diff(UnitPicos(FunctionCompiler.ConstantText(args[0], "date_diff"))),
            "$time_plus_interval" => (a, n) => RowKernels.Values<long, PlusIntervalOp>(a, n, type, new PlusIntervalOp(a[0], a[1], 1)),
            "$time_minus_interval" => (a, n) => RowKernels.Values<long, PlusIntervalOp>(a, n, type, new PlusIntervalOp(a[0], a[1], -1)),
            "$time_minus_time" => (a, n) => RowKernels.Values<long, DifferenceOp>(a, n, type, new DifferenceOp(a[0], a[1], PicosPerMilli)),
            _ => null,
        };
        return kernel is null ? null : new FunctionEvaluator(type, args, kernel, canFail: false);
    }

    private static bool Text(DataType t) => t.Id is TypeId.Utf8 or TypeId.Null && t is not JsonType;

    /// <summary>The length of a TIME unit in picoseconds; Trino allows millisecond, second, minute and hour.</summary>
    private static long UnitPicos(string unit) => unit.Trim().ToLowerInvariant() switch
    {
        "millisecond" => PicosPerMilli,
        "second" => TimeType.PicosPerSecond,
        "minute" => 60 * TimeType.PicosPerSecond,
        "hour" => 3_600 * TimeType.PicosPerSecond,
        _ => throw new SemanticException($"'{unit}' is not a valid TIME field (expected millisecond, second, minute or hour)", code: ErrorCode.InvalidCast),
    };

    private static FunctionKernel Truncate(long unit, DataType type) =>
        (a, n) => RowKernels.Values<long, TruncateOp>(a, n, type, new TruncateOp(a[1], unit));

    private static FunctionKernel Add(long unit, DataType type) =>
        (a, n) => RowKernels.Values<long, AddOp>(a, n, type, new AddOp(a[1], a[2], unit));

    private static FunctionKernel Diff(long unit) =>
        (a, n) => RowKernels.Values<long, DifferenceOp>(a, n, DataType.Int64, new DifferenceOp(a[2], a[1], unit));

    private readonly struct FieldOp(Vec time, long divisor, long modulo) : IRowValue<long>
    {
        private readonly PrimitiveArg<long> _time = new(time);

        public bool Compute(int row, out long value)
        {
            value = _time[row] / divisor % modulo;
            return true;
        }
    }

    private readonly struct TruncateOp(Vec time, long unit) : IRowValue<long>
    {
        private readonly PrimitiveArg<long> _time = new(time);

        public bool Compute(int row, out long value)
        {
            value = _time[row] / unit * unit;
            return true;
        }
    }

    /// <summary>date_add(unit, n, time): n units later, wrapped into the day (so 25 hours after 10:00 is 11:00).</summary>
    private readonly struct AddOp(Vec count, Vec time, long unit) : IRowValue<long>
    {
        private readonly PrimitiveArg<long> _count = new(count);
        private readonly PrimitiveArg<long> _time = new(time);
        private readonly long _unitsPerDay = TimeType.PicosPerDay / unit;

        public bool Compute(int row, out long value)
        {
            value = TimeText.Wrap(_time[row] + _count[row] % _unitsPerDay * unit);
            return true;
        }
    }

    /// <summary>(later - earlier) in whole units, truncated toward zero.</summary>
    private readonly struct DifferenceOp(Vec later, Vec earlier, long unit) : IRowValue<long>
    {
        private readonly PrimitiveArg<long> _later = new(later);
        private readonly PrimitiveArg<long> _earlier = new(earlier);

        public bool Compute(int row, out long value)
        {
            value = (_later[row] - _earlier[row]) / unit;
            return true;
        }
    }

    /// <summary>time ± interval day to second (milliseconds), wrapped into the day as Trino does.</summary>
    private readonly struct PlusIntervalOp(Vec time, Vec millis, int sign) : IRowValue<long>
    {
        private const long MillisPerDay = 86_400_000;
        private readonly PrimitiveArg<long> _time = new(time);
        private readonly PrimitiveArg<long> _millis = new(millis);

        public bool Compute(int row, out long value)
        {
            value = TimeText.Wrap(_time[row] + sign * (_millis[row] % MillisPerDay) * PicosPerMilli);
            return true;
        }
    }
}
