using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Expressions.Functions.Temporal;

/// <summary>
/// ISO 8601 calendar dates and date-times: <c>YYYY[-MM[-DD]]</c>, then optionally <c>T</c> and <c>hh[:mm[:ss[.fraction]]]</c>
/// and a zone (<c>Z</c>, <c>±hh</c>, <c>±hh:mm</c>, <c>±hhmm</c>). Text without a zone is in UTC (the session zone).
/// </summary>
internal static class Iso8601
{
    public static long ParseTimestamp(ReadOnlySpan<char> text, string function)
    {
        var pos = 0;
        var days = Date(text, ref pos, function);
        long time = 0;
        var offsetMinutes = 0;
        if (pos < text.Length && text[pos] == 'T')
        {
            pos++;
            var hour = Digits(text, ref pos, 2, function);
            long minute = 0, second = 0, fraction = 0;
            if (Accept(text, ref pos, ':'))
            {
                minute = Digits(text, ref pos, 2, function);
                if (Accept(text, ref pos, ':'))
                {
                    second = Digits(text, ref pos, 2, function);
                    if (Accept(text, ref pos, '.') || Accept(text, ref pos, ','))
                    {
                        var start = pos;
                        while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
                        if (pos == start || pos - start > 9) throw Invalid(text, function);
                        for (var i = 0; i < 6; i++) fraction = fraction * 10 + (start + i < pos ? text[start + i] - '0' : 0);
                    }
                }
            }
            if (hour > 24 || minute > 59 || second > 59 || hour == 24 && (minute | second | fraction) != 0) throw Invalid(text, function);
            time = hour * CivilTime.MicrosPerHour + minute * CivilTime.MicrosPerMinute + second * CivilTime.MicrosPerSecond + fraction;
            if (pos < text.Length) offsetMinutes = Zone(text, ref pos, function);
        }
        if (pos != text.Length) throw Invalid(text, function);
        return checked(days * CivilTime.MicrosPerDay + time - offsetMinutes * CivilTime.MicrosPerMinute);
    }

    public static int ParseDate(ReadOnlySpan<char> text, string function)
    {
        var pos = 0;
        var days = Date(text, ref pos, function);
        if (pos != text.Length) throw Invalid(text, function);
        return checked((int)days);
    }

    private static long Date(ReadOnlySpan<char> text, ref int pos, string function)
    {
        var negative = Accept(text, ref pos, '-');
        if (!negative) Accept(text, ref pos, '+');
        var year = Digits(text, ref pos, 4, function, exact: false);
        if (negative) year = -year;
        int month = 1, day = 1;
        if (Accept(text, ref pos, '-'))
        {
            month = (int)Digits(text, ref pos, 2, function);
            if (Accept(text, ref pos, '-')) day = (int)Digits(text, ref pos, 2, function);
        }
        if (month is < 1 or > 12 || day < 1 || day > CivilTime.DaysInMonth(year, month)) throw Invalid(text, function);
        return CivilTime.ToDays(year, month, day);
    }

    private static int Zone(ReadOnlySpan<char> text, ref int pos, string function)
    {
        if (Accept(text, ref pos, 'Z')) return 0;
        if (pos >= text.Length || text[pos] is not ('+' or '-')) throw Invalid(text, function);
        var sign = text[pos++] == '-' ? -1 : 1;
        var hours = Digits(text, ref pos, 2, function);
        long minutes = 0;
        if (Accept(text, ref pos, ':') || pos < text.Length) minutes = Digits(text, ref pos, 2, function);
        if (hours > 18 || minutes > 59) throw Invalid(text, function);
        return (int)(sign * (hours * 60 + minutes));
    }

    private static bool Accept(ReadOnlySpan<char> text, ref int pos, char c)
    {
        if (pos >= text.Length || text[pos] != c) return false;
        pos++;
        return true;
    }

    /// <summary>Exactly <paramref name="count"/> digits, or at least that many when not <paramref name="exact"/> (years).</summary>
    private static long Digits(ReadOnlySpan<char> text, ref int pos, int count, string function, bool exact = true)
    {
        var start = pos;
        long value = 0;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]) && (!exact || pos - start < count) && pos - start < 9) value = value * 10 + (text[pos++] - '0');
        if (pos - start < count) throw Invalid(text, function);
        return value;
    }

    private static ExecutionException Invalid(ReadOnlySpan<char> text, string function) =>
        new($"{function}: invalid ISO 8601 value: \"{text.ToString()}\"");
}
