using System.Runtime.CompilerServices;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Evaluation;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>A calendar field computed from days since the epoch.</summary>
internal interface IDayField
{
    static abstract long From(long days);
}

internal struct YearField : IDayField
{
    public static long From(long days)
    {
        CivilTime.FromDays(days, out var y, out _, out _);
        return y;
    }
}

internal struct MonthField : IDayField
{
    public static long From(long days)
    {
        CivilTime.FromDays(days, out _, out var m, out _);
        return m;
    }
}

internal struct DayField : IDayField
{
    public static long From(long days)
    {
        CivilTime.FromDays(days, out _, out _, out var d);
        return d;
    }
}

internal struct QuarterField : IDayField
{
    public static long From(long days)
    {
        CivilTime.FromDays(days, out _, out var m, out _);
        return (m - 1) / 3 + 1;
    }
}

internal struct DayOfWeekField : IDayField
{
    public static long From(long days) => CivilTime.DayOfWeek(days);
}

internal struct DayOfYearField : IDayField
{
    public static long From(long days) => CivilTime.DayOfYear(days);
}

internal struct WeekField : IDayField
{
    public static long From(long days) => CivilTime.IsoWeek(days);
}

internal struct YearOfWeekField : IDayField
{
    public static long From(long days) => CivilTime.IsoWeekYear(days);
}

internal struct DateFieldOp<TField> : IUnaryOp<int, long>
    where TField : IDayField
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly long Apply(int value) => TField.From(value);
}

internal struct TimestampFieldOp<TField> : IUnaryOp<long, long>
    where TField : IDayField
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly long Apply(long value) => TField.From(CivilTime.DaysOf(value));
}

/// <summary>hour/minute/second of a timestamp: (time of day / unit) mod range.</summary>
internal readonly struct TimeFieldOp(long unit, long range) : IUnaryOp<long, long>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Apply(long value) => CivilTime.TimeOfDay(value) / unit % range;
}

/// <summary>Date parts and date arithmetic (date_add, date_diff, date_trunc) with Trino's units and calendar rules.</summary>
internal static class DateFunctions
{
    public static FunctionKernel Field(string name, DataType input)
    {
        var isDate = input.Id == TypeId.Date32;
        return name switch
        {
            "year" => Day<YearField>(isDate),
            "month" => Day<MonthField>(isDate),
            "day" => Day<DayField>(isDate),
            "quarter" => Day<QuarterField>(isDate),
            "day_of_week" => Day<DayOfWeekField>(isDate),
            "day_of_year" => Day<DayOfYearField>(isDate),
            "week" => Day<WeekField>(isDate),
            "year_of_week" => Day<YearOfWeekField>(isDate),
            "hour" => Time(isDate, CivilTime.MicrosPerHour, 24),
            "minute" => Time(isDate, CivilTime.MicrosPerMinute, 60),
            "second" => Time(isDate, CivilTime.MicrosPerSecond, 60),
            _ => throw new InternalException($"unknown date field {name}"),
        };
    }

    private static FunctionKernel Day<TField>(bool isDate)
        where TField : IDayField =>
        isDate
            ? (a, n) => UnaryExecutor.Execute<int, long, DateFieldOp<TField>>(a[0], n, DataType.Int64, default, false).Array
            : (a, n) => UnaryExecutor.Execute<long, long, TimestampFieldOp<TField>>(a[0], n, DataType.Int64, default, false).Array;

    private static FunctionKernel Time(bool isDate, long unit, long range) =>
        isDate
            ? (a, n) => UnaryExecutor.Execute<int, long, ZeroOp>(a[0], n, DataType.Int64, default, false).Array
            : (a, n) => UnaryExecutor.Execute<long, long, TimeFieldOp>(a[0], n, DataType.Int64, new TimeFieldOp(unit, range), false).Array;

    private struct ZeroOp : IUnaryOp<int, long>
    {
        public readonly long Apply(int value) => 0;
    }

    internal enum Unit
    {
        Millisecond,
        Second,
        Minute,
        Hour,
        Day,
        Week,
        Month,
        Quarter,
        Year,
    }

    public static Unit ParseUnit(string text, DataType type)
    {
        Unit unit = text.Trim().ToLowerInvariant() switch
        {
            "millisecond" => Unit.Millisecond,
            "second" => Unit.Second,
            "minute" => Unit.Minute,
            "hour" => Unit.Hour,
            "day" => Unit.Day,
            "week" => Unit.Week,
            "month" => Unit.Month,
            "quarter" => Unit.Quarter,
            "year" => Unit.Year,
            _ => throw new ExecutionException($"'{text}' is not a valid {type.SqlName} field"),
        };
        if (type.Id == TypeId.Date32 && unit < Unit.Day) throw new ExecutionException($"'{text}' is not a valid date field");
        return unit;
    }

    private static long UnitMicros(Unit unit) => unit switch
    {
        Unit.Millisecond => 1000,
        Unit.Second => CivilTime.MicrosPerSecond,
        Unit.Minute => CivilTime.MicrosPerMinute,
        Unit.Hour => CivilTime.MicrosPerHour,
        Unit.Day => CivilTime.MicrosPerDay,
        Unit.Week => 7 * CivilTime.MicrosPerDay,
        _ => 0,
    };

    private static long Months(Unit unit) => unit switch
    {
        Unit.Month => 1,
        Unit.Quarter => 3,
        _ => 12,
    };

    /// <summary>date_add(unit, n, x) for date or timestamp x; months clamp the day to the month's end.</summary>
    public static ArrowArray DateAdd(Unit unit, DataType type, Vec[] args, int rows)
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        var amount = new PrimitiveArg<long>(args[1]);
        if (type.Id == TypeId.Date32)
        {
            var x = new PrimitiveArg<int>(args[2]);
            var result = new int[rows];
            for (var i = 0; i < rows; i++)
            {
                if (!FunctionArgs.IsValid(validity, i)) continue;
                long days;
                try
                {
                    days = unit switch
                    {
                        Unit.Day => checked(x[i] + amount[i]),
                        Unit.Week => checked(x[i] + amount[i] * 7),
                        _ => CivilTime.AddMonths(x[i], checked(amount[i] * Months(unit))),
                    };
                }
                catch (OverflowException)
                {
                    days = long.MaxValue;
                }
                if (days is > int.MaxValue or < int.MinValue) throw new ExecutionException("date_add result is out of range", ErrorCode.NumericOverflow);
                result[i] = (int)days;
            }
            return new PrimitiveArray<int>(type, result, rows, validity);
        }
        else
        {
            var x = new PrimitiveArg<long>(args[2]);
            var result = new long[rows];
            for (var i = 0; i < rows; i++)
            {
                if (!FunctionArgs.IsValid(validity, i)) continue;
                try
                {
                    var micros = x[i];
                    if (unit <= Unit.Week)
                    {
                        result[i] = checked(micros + amount[i] * UnitMicros(unit));
                    }
                    else
                    {
                        var days = CivilTime.DaysOf(micros);
                        var time = micros - days * CivilTime.MicrosPerDay;
                        result[i] = checked(CivilTime.AddMonths(days, checked(amount[i] * Months(unit))) * CivilTime.MicrosPerDay + time);
                    }
                }
                catch (OverflowException)
                {
                    throw new ExecutionException("date_add result is out of range", ErrorCode.NumericOverflow);
                }
            }
            return new PrimitiveArray<long>(type, result, rows, validity);
        }
    }

    /// <summary>date_diff(unit, a, b): whole units from a to b (negative when b is earlier), as Joda-Time counts them.</summary>
    public static ArrowArray DateDiff(Unit unit, DataType type, Vec[] args, int rows)
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        var result = new long[rows];
        var isDate = type.Id == TypeId.Date32;
        var da = isDate ? new PrimitiveArg<int>(args[1]) : default;
        var db = isDate ? new PrimitiveArg<int>(args[2]) : default;
        var ta = isDate ? default : new PrimitiveArg<long>(args[1]);
        var tb = isDate ? default : new PrimitiveArg<long>(args[2]);
        for (var i = 0; i < rows; i++)
        {
            if (!FunctionArgs.IsValid(validity, i)) continue;
            var a = isDate ? da[i] * CivilTime.MicrosPerDay : ta[i];
            var b = isDate ? db[i] * CivilTime.MicrosPerDay : tb[i];
            result[i] = unit <= Unit.Week ? (b - a) / UnitMicros(unit) : MonthsBetween(a, b) / Months(unit);
        }
        return new PrimitiveArray<long>(DataType.Int64, result, rows, validity);
    }

    /// <summary>Whole months from <paramref name="start"/> to <paramref name="end"/> (Joda's month field difference).</summary>
    private static long MonthsBetween(long start, long end)
    {
        if (end < start) return -MonthsBetween(end, start);
        var endDays = CivilTime.DaysOf(end);
        var startDays = CivilTime.DaysOf(start);
        CivilTime.FromDays(endDays, out var ey, out var em, out var ed);
        CivilTime.FromDays(startDays, out var sy, out var sm, out var sd);
        var difference = (ey - sy) * 12L + em - sm;
        var startDay = sd;
        if (ed == CivilTime.DaysInMonth(ey, em) && sd > ed) startDay = ed;
        var endRem = (ed - 1) * CivilTime.MicrosPerDay + (end - endDays * CivilTime.MicrosPerDay);
        var startRem = (startDay - 1) * CivilTime.MicrosPerDay + (start - startDays * CivilTime.MicrosPerDay);
        if (endRem < startRem) difference--;
        return difference;
    }

    /// <summary>date_trunc(unit, x): the start of the unit containing x (weeks start on Monday).</summary>
    public static ArrowArray DateTrunc(Unit unit, DataType type, Vec[] args, int rows)
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        if (type.Id == TypeId.Date32)
        {
            var x = new PrimitiveArg<int>(args[1]);
            var result = new int[rows];
            for (var i = 0; i < rows; i++)
            {
                if (FunctionArgs.IsValid(validity, i)) result[i] = (int)TruncDays(x[i], unit);
            }
            return new PrimitiveArray<int>(type, result, rows, validity);
        }
        else
        {
            var x = new PrimitiveArg<long>(args[1]);
            var result = new long[rows];
            for (var i = 0; i < rows; i++)
            {
                if (!FunctionArgs.IsValid(validity, i)) continue;
                var micros = x[i];
                result[i] = unit < Unit.Day
                    ? CivilTime.FloorDiv(micros, UnitMicros(unit)) * UnitMicros(unit)
                    : TruncDays(CivilTime.DaysOf(micros), unit) * CivilTime.MicrosPerDay;
            }
            return new PrimitiveArray<long>(type, result, rows, validity);
        }
    }

    private static long TruncDays(long days, Unit unit)
    {
        switch (unit)
        {
            case Unit.Day: return days;
            case Unit.Week: return days - (CivilTime.DayOfWeek(days) - 1);
            default:
                CivilTime.FromDays(days, out var y, out var m, out _);
                return unit switch
                {
                    Unit.Month => CivilTime.ToDays(y, m, 1),
                    Unit.Quarter => CivilTime.ToDays(y, (m - 1) / 3 * 3 + 1, 1),
                    _ => CivilTime.ToDays(y, 1, 1),
                };
        }
    }
}
