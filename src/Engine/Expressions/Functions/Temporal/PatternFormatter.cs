using System.Text;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Expressions.Functions.Temporal;

/// <summary>
/// Prints a microsecond wall-clock timestamp with a compiled pattern; writes ASCII plus literal text. Zone letters print
/// the zone (UTC for a timestamp without time zone) and its offset at that time.
/// </summary>
internal static class PatternFormatter
{
    public static void Format(PatternToken[] tokens, long micros, Utf8ColumnWriter output) => Format(tokens, micros, output, "UTC", 0);

    public static void Format(PatternToken[] tokens, long micros, Utf8ColumnWriter output, string zone, long offsetMicros)
    {
        var days = CivilTime.DaysOf(micros);
        var timeOfDay = CivilTime.TimeOfDay(micros);
        CivilTime.FromDays(days, out var year, out var month, out var day);
        var hour = (int)(timeOfDay / CivilTime.MicrosPerHour);
        var minute = (int)(timeOfDay / CivilTime.MicrosPerMinute % 60);
        var second = (int)(timeOfDay / CivilTime.MicrosPerSecond % 60);
        var fraction = timeOfDay % CivilTime.MicrosPerSecond;
        foreach (var t in tokens)
        {
            switch (t.Field)
            {
                case PatternField.Literal: Text(output, t.Text); break;
                case PatternField.Year: Number(output, year, t.Width); break;
                case PatternField.TwoDigitYear: Number(output, ((year % 100) + 100) % 100, 2); break;
                case PatternField.Month: Number(output, month, t.Width); break;
                case PatternField.MonthShort: Ascii(output, CalendarNames.Months[month - 1].AsSpan(0, 3)); break;
                case PatternField.MonthFull: Ascii(output, CalendarNames.Months[month - 1]); break;
                case PatternField.Day: Number(output, day, t.Width); break;
                case PatternField.DayOfYear: Number(output, CivilTime.DayOfYear(days), t.Width); break;
                case PatternField.Hour24: Number(output, hour, t.Width); break;
                case PatternField.Hour12: Number(output, hour % 12 == 0 ? 12 : hour % 12, t.Width); break;
                case PatternField.Hour0To11: Number(output, hour % 12, t.Width); break;
                case PatternField.Hour1To24: Number(output, hour == 0 ? 24 : hour, t.Width); break;
                case PatternField.Minute: Number(output, minute, t.Width); break;
                case PatternField.Second: Number(output, second, t.Width); break;
                case PatternField.Fraction: Fraction(output, t.Millis ? fraction / 1000 * 1000 : fraction, t.Width); break;
                case PatternField.HalfOfDay: Ascii(output, hour < 12 ? "AM" : "PM"); break;
                case PatternField.WeekdayShort: Ascii(output, CalendarNames.Weekdays[CivilTime.DayOfWeek(days) - 1].AsSpan(0, 3)); break;
                case PatternField.WeekdayFull: Ascii(output, CalendarNames.Weekdays[CivilTime.DayOfWeek(days) - 1]); break;
                case PatternField.WeekdayNumber: Number(output, CivilTime.DayOfWeek(days), t.Width); break;
                case PatternField.IsoWeek: Number(output, CivilTime.IsoWeek(days), t.Width); break;
                case PatternField.IsoWeekYear: Number(output, CivilTime.IsoWeekYear(days), t.Width); break;
                case PatternField.Era: Ascii(output, year > 0 ? "AD" : "BC"); break;
                case PatternField.Century: Number(output, year / 100, t.Width); break;
                case PatternField.ZoneId: Ascii(output, zone); break;
                case PatternField.ZoneOffset: Offset(output, offsetMicros, colon: false); break;
                case PatternField.ZoneOffsetColon: Offset(output, offsetMicros, colon: true); break;
                default: throw new InternalException($"unhandled pattern field {t.Field}");
            }
        }
    }

    /// <summary><c>+hhmm</c> or <c>+hh:mm</c>.</summary>
    public static void Offset(Utf8ColumnWriter output, long offsetMicros, bool colon)
    {
        output.Write(offsetMicros < 0 ? (byte)'-' : (byte)'+');
        var minutes = Math.Abs(offsetMicros) / CivilTime.MicrosPerMinute;
        Number(output, minutes / 60, 2);
        if (colon) output.Write((byte)':');
        Number(output, minutes % 60, 2);
    }

    private static void Number(Utf8ColumnWriter output, long value, int width)
    {
        if (value < 0)
        {
            output.Write((byte)'-');
            value = -value;
        }
        Span<byte> digits = stackalloc byte[20];
        var n = 0;
        do
        {
            digits[n++] = (byte)('0' + value % 10);
            value /= 10;
        } while (value > 0);
        for (var i = n; i < width; i++) output.Write((byte)'0');
        while (n > 0) output.Write(digits[--n]);
    }

    /// <summary>The first <paramref name="width"/> digits of the six-digit microsecond fraction (zeros beyond microseconds).</summary>
    private static void Fraction(Utf8ColumnWriter output, long micros, int width)
    {
        var divisor = 100_000L;
        for (var i = 0; i < width; i++)
        {
            output.Write((byte)('0' + (divisor == 0 ? 0 : micros / divisor % 10)));
            divisor /= 10;
        }
    }

    private static void Ascii(Utf8ColumnWriter output, ReadOnlySpan<char> text)
    {
        foreach (var c in text) output.Write((byte)c);
    }

    private static void Text(Utf8ColumnWriter output, string text)
    {
        var span = output.Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
