using System.Runtime.CompilerServices;

namespace QueryEngine.Engine.Expressions.Kernels;

/// <summary>
/// Proleptic Gregorian calendar arithmetic on days since 1970-01-01 (Howard Hinnant's civil_from_days/days_from_civil)
/// and microsecond timestamps; allocation-free and branch-light for per-row use.
/// </summary>
internal static class CivilTime
{
    public const long MicrosPerSecond = 1_000_000;
    public const long MicrosPerMinute = 60 * MicrosPerSecond;
    public const long MicrosPerHour = 60 * MicrosPerMinute;
    public const long MicrosPerDay = 24 * MicrosPerHour;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FromDays(long days, out int year, out int month, out int day)
    {
        var z = days + 719468;
        var era = (z >= 0 ? z : z - 146096) / 146097;
        var doe = z - era * 146097;
        var yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        var y = yoe + era * 400;
        var doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        var mp = (5 * doy + 2) / 153;
        day = (int)(doy - (153 * mp + 2) / 5 + 1);
        month = (int)(mp < 10 ? mp + 3 : mp - 9);
        year = (int)(month <= 2 ? y + 1 : y);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ToDays(long year, int month, int day)
    {
        var y = month <= 2 ? year - 1 : year;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yoe = y - era * 400;
        var mp = month > 2 ? month - 3 : month + 9;
        var doy = (153 * mp + 2) / 5 + day - 1;
        var doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    public static bool IsLeapYear(long year) => (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);

    public static int DaysInMonth(long year, int month) => month switch
    {
        2 => IsLeapYear(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    /// <summary>Floor division of a microsecond timestamp into days.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long DaysOf(long micros) => FloorDiv(micros, MicrosPerDay);

    /// <summary>Microseconds since midnight.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long TimeOfDay(long micros) => micros - DaysOf(micros) * MicrosPerDay;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }

    /// <summary>ISO day of week, 1 = Monday .. 7 = Sunday.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DayOfWeek(long days)
    {
        // 1970-01-01 was a Thursday (ISO 4).
        var d = (days + 3) % 7;
        if (d < 0) d += 7;
        return (int)d + 1;
    }

    public static int DayOfYear(long days)
    {
        FromDays(days, out var y, out _, out _);
        return (int)(days - ToDays(y, 1, 1)) + 1;
    }

    /// <summary>ISO-8601 week of the week-based year (weeks start Monday; week 1 contains the year's first Thursday).</summary>
    public static int IsoWeek(long days)
    {
        var dow = DayOfWeek(days);
        var thursday = days - dow + 4;
        FromDays(thursday, out var y, out _, out _);
        var firstDay = ToDays(y, 1, 1);
        return (int)((thursday - firstDay) / 7) + 1;
    }

    /// <summary>The ISO-8601 week-based year (the year of the week's Thursday).</summary>
    public static int IsoWeekYear(long days)
    {
        FromDays(days - DayOfWeek(days) + 4, out var y, out _, out _);
        return y;
    }

    /// <summary>Adds months, clamping the day to the target month's length (Trino/Joda semantics).</summary>
    public static long AddMonths(long days, long months)
    {
        FromDays(days, out var y, out var m, out var d);
        var total = y * 12L + (m - 1) + months;
        var ny = FloorDiv(total, 12);
        var nm = (int)(total - ny * 12) + 1;
        var nd = Math.Min(d, DaysInMonth(ny, nm));
        return ToDays(ny, nm, nd);
    }
}
