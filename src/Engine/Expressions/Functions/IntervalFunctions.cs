using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Evaluation;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>
/// Interval arithmetic: date/timestamp + interval (months clamp the day to the month's end, as Trino does), interval
/// ± interval, and the interval between two timestamps or dates.
/// </summary>
internal static class IntervalFunctions
{
    public static ResolvedFunction? Resolve(string name, IReadOnlyList<DataType> args)
    {
        switch (name)
        {
            case "$plus_interval" when args.Count == 2 && args[0].Id is TypeId.Date32 or TypeId.Timestamp && args[1] is IntervalType:
                return new ResolvedFunction(name, [args[0], args[1]], args[0]);
            case "$interval_add" or "$interval_subtract" when args.Count == 2 && args[0] is IntervalType t && args[1].Equals(t):
                return new ResolvedFunction(name, [t, t], t);
            case "$interval_multiply" or "$interval_divide" when args.Count == 2 && args[0] is IntervalType i && (args[1].IsNumeric || args[1].Id == TypeId.Null):
                return new ResolvedFunction(name, [i, DataType.Float64], i);
            case "$interval_between" when args.Count == 2 && args[0].Id is TypeId.Date32 or TypeId.Timestamp && args[1].Equals(args[0]):
                return new ResolvedFunction(name, [args[0], args[1]], IntervalType.DayToSecond);
            default:
                return null;
        }
    }

    public static Evaluator? Compile(string name, Evaluator[] args, DataType type)
    {
        switch (name)
        {
            case "$plus_interval":
                {
                    var value = args[0].Type;
                    var months = ((IntervalType)args[1].Type).IsYearToMonth;
                    return new FunctionEvaluator(type, args, (a, n) => Plus(a, n, value, months), canFail: true);
                }
            case "$interval_add" or "$interval_subtract":
                {
                    var op = name == "$interval_add" ? BinaryOp.Add : BinaryOp.Subtract;
                    return new BinaryKernelEvaluator(type, args[0], args[1], ArithmeticKernels.Create(op, type, type, type), canFail: true);
                }
            case "$interval_multiply" or "$interval_divide":
                {
                    var divide = name == "$interval_divide";
                    return new FunctionEvaluator(type, args, (a, n) => Scale(a, n, (IntervalType)type, divide), canFail: true);
                }
            case "$interval_between":
                {
                    var isDate = args[0].Type.Id == TypeId.Date32;
                    return new FunctionEvaluator(type, args, (a, n) => Between(a, n, isDate), canFail: false);
                }
            default:
                return null;
        }
    }

    private static ArrowArray Plus(Vec[] args, int rows, DataType type, bool months)
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        try
        {
            if (type.Id == TypeId.Date32)
            {
                var x = new PrimitiveArg<int>(args[0]);
                var result = new int[rows];
                if (months)
                {
                    var m = new PrimitiveArg<int>(args[1]);
                    for (var i = 0; i < rows; i++)
                    {
                        if (FunctionArgs.IsValid(validity, i)) result[i] = checked((int)CivilTime.AddMonths(x[i], m[i]));
                    }
                }
                else
                {
                    var ms = new PrimitiveArg<long>(args[1]);
                    for (var i = 0; i < rows; i++)
                    {
                        if (!FunctionArgs.IsValid(validity, i)) continue;
                        if (ms[i] % 86_400_000 != 0) throw new ExecutionException("Cannot add hour, minutes or seconds to a date");
                        result[i] = checked((int)(x[i] + ms[i] / 86_400_000));
                    }
                }
                return new PrimitiveArray<int>(type, result, rows, validity);
            }
            else
            {
                var x = new PrimitiveArg<long>(args[0]);
                var result = new long[rows];
                if (months)
                {
                    var m = new PrimitiveArg<int>(args[1]);
                    for (var i = 0; i < rows; i++)
                    {
                        if (!FunctionArgs.IsValid(validity, i)) continue;
                        var days = CivilTime.DaysOf(x[i]);
                        var time = x[i] - days * CivilTime.MicrosPerDay;
                        result[i] = checked(CivilTime.AddMonths(days, m[i]) * CivilTime.MicrosPerDay + time);
                    }
                }
                else
                {
                    var ms = new PrimitiveArg<long>(args[1]);
                    for (var i = 0; i < rows; i++)
                    {
                        if (FunctionArgs.IsValid(validity, i)) result[i] = checked(x[i] + ms[i] * 1000);
                    }
                    // Milliseconds added to timestamp(0..2) are rounded half up to its precision, so every value stays one of the type.
                    if (type is TimestampType { Precision: < 3 } coarse)
                    {
                        for (var i = 0; i < rows; i++) result[i] = TimestampRounding.Round(result[i], coarse.Precision);
                    }
                }
                return new PrimitiveArray<long>(type, result, rows, validity);
            }
        }
        catch (OverflowException)
        {
            throw new ExecutionException($"{type.SqlName} plus interval is out of range", ErrorCode.NumericOverflow);
        }
    }

    /// <summary>interval * x and interval / x for a double x, truncated toward zero like Trino's conversion back to the interval's unit.</summary>
    private static ArrowArray Scale(Vec[] args, int rows, IntervalType type, bool divide)
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        var factors = new PrimitiveArg<double>(args[1]);
        if (type.IsYearToMonth)
        {
            var months = new PrimitiveArg<int>(args[0]);
            var result = new int[rows];
            for (var i = 0; i < rows; i++)
            {
                if (!FunctionArgs.IsValid(validity, i)) continue;
                var value = divide ? months[i] / Divisor(factors[i]) : months[i] * factors[i];
                if (double.IsNaN(value) || value is > int.MaxValue or < int.MinValue) throw new ExecutionException("interval is out of range", ErrorCode.NumericOverflow);
                result[i] = (int)value;
            }
            return new PrimitiveArray<int>(type, result, rows, validity);
        }
        var millis = new PrimitiveArg<long>(args[0]);
        var values = new long[rows];
        for (var i = 0; i < rows; i++)
        {
            if (!FunctionArgs.IsValid(validity, i)) continue;
            var value = divide ? millis[i] / Divisor(factors[i]) : millis[i] * factors[i];
            if (double.IsNaN(value) || value >= 9.2233720368547758E18 || value < -9.2233720368547758E18) throw new ExecutionException("interval is out of range", ErrorCode.NumericOverflow);
            values[i] = (long)value;
        }
        return new PrimitiveArray<long>(type, values, rows, validity);
    }

    private static double Divisor(double value) => value == 0 ? throw new ExecutionException("Division by zero", ErrorCode.DivisionByZero) : value;

    /// <summary>a - b as an interval day to second (milliseconds; timestamps truncate their microseconds).</summary>
    private static ArrowArray Between(Vec[] args, int rows, bool isDate)
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        var result = new long[rows];
        if (isDate)
        {
            var a = new PrimitiveArg<int>(args[0]);
            var b = new PrimitiveArg<int>(args[1]);
            for (var i = 0; i < rows; i++) result[i] = ((long)a[i] - b[i]) * 86_400_000;
        }
        else
        {
            var a = new PrimitiveArg<long>(args[0]);
            var b = new PrimitiveArg<long>(args[1]);
            for (var i = 0; i < rows; i++) result[i] = CivilTime.FloorDiv(a[i], 1000) - CivilTime.FloorDiv(b[i], 1000);
        }
        return new PrimitiveArray<long>(IntervalType.DayToSecond, result, rows, validity);
    }
}
