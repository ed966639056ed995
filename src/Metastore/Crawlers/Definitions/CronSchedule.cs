using System.Globalization;
using QueryEngine.Engine.Common;

namespace QueryEngine.Metastore.Crawlers.Definitions;

/// <summary>
/// A schedule in AWS's cron format, <c>cron(Minutes Hours Day-of-month Month Day-of-week Year)</c>, evaluated in UTC.
/// Each field takes <c>*</c>, numbers, ranges <c>a-b</c>, steps <c>a/n</c> or <c>a-b/n</c> and lists <c>a,b</c>; months
/// and weekdays also take names (JAN-DEC, SUN-SAT, Sunday being 1). One of day-of-month and day-of-week must be
/// <c>?</c>. Day-of-month also takes <c>L</c> (last day) and <c>nW</c> (weekday nearest day n); day-of-week takes
/// <c>L</c> (Saturday), <c>nL</c> (last weekday n of the month) and <c>n#k</c> (k-th weekday n of the month).
/// </summary>
public sealed class CronSchedule
{
    private const int FirstYear = 1970;
    private const int LastYear = 2199;

    private readonly bool[] _minutes;
    private readonly bool[] _hours;
    private readonly bool[] _months;
    private readonly bool[] _years;
    private readonly DayRule _day;

    private CronSchedule(string text, bool[] minutes, bool[] hours, bool[] months, bool[] years, DayRule day)
    {
        Text = text;
        _minutes = minutes;
        _hours = hours;
        _months = months;
        _years = years;
        _day = day;
    }

    public string Text { get; }

    /// <summary>Parses <c>cron(...)</c> (the wrapper may be left out); a malformed expression is a <see cref="SemanticException"/> naming the field.</summary>
    public static CronSchedule Parse(string expression)
    {
        var text = expression.Trim();
        var body = text;
        if (body.StartsWith("cron(", StringComparison.OrdinalIgnoreCase))
        {
            if (!body.EndsWith(')')) throw Invalid(expression, "a closing ')' is missing");
            body = body[5..^1];
        }
        var fields = body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6) throw Invalid(expression, $"it needs 6 fields (minutes hours day-of-month month day-of-week year), not {fields.Length}");
        var minutes = Field(expression, "minutes", fields[0], 0, 59, null);
        var hours = Field(expression, "hours", fields[1], 0, 23, null);
        var months = Field(expression, "month", fields[3], 1, 12, MonthNames);
        var years = Field(expression, "year", fields[5], FirstYear, LastYear, null);
        var dayOfMonth = fields[2];
        var dayOfWeek = fields[4];
        DayRule day = (dayOfMonth == "?", dayOfWeek == "?") switch
        {
            (true, true) => throw Invalid(expression, "only one of day-of-month and day-of-week may be '?'"),
            (false, false) => throw Invalid(expression, "one of day-of-month and day-of-week must be '?'"),
            (false, true) => MonthDays(expression, dayOfMonth),
            (true, false) => WeekDays(expression, dayOfWeek),
        };
        return new CronSchedule($"cron({string.Join(' ', fields)})", minutes, hours, months, years, day);
    }

    /// <summary>The first time strictly after <paramref name="after"/> (to the minute, UTC) the schedule fires; null when it never does again.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        var utc = after.UtcDateTime;
        var t = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
        while (t.Year <= LastYear)
        {
            if (t.Year < FirstYear || !_years[t.Year - FirstYear])
            {
                t = new DateTime(t.Year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc);
                if (t.Year > LastYear) break;
                continue;
            }
            if (!_months[t.Month - 1])
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
                continue;
            }
            if (!_day.Matches(t.Year, t.Month, t.Day))
            {
                t = t.Date.AddDays(1);
                continue;
            }
            if (!_hours[t.Hour])
            {
                t = t.Date.AddHours(t.Hour + 1);
                continue;
            }
            if (!_minutes[t.Minute])
            {
                t = t.AddMinutes(1);
                continue;
            }
            return new DateTimeOffset(t);
        }
        return null;
    }

    public override string ToString() => Text;

    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private static DayRule MonthDays(string expression, string field)
    {
        if (field.Equals("L", StringComparison.OrdinalIgnoreCase)) return new DayRule.LastDayOfMonth();
        if (field.Length > 1 && (field[^1] is 'W' or 'w'))
        {
            var day = Number(expression, "day-of-month", field[..^1], 1, 31, null);
            return new DayRule.NearestWeekday(day);
        }
        return new DayRule.DaysOfMonth(Field(expression, "day-of-month", field, 1, 31, null));
    }

    private static DayRule WeekDays(string expression, string field)
    {
        if (field.Equals("L", StringComparison.OrdinalIgnoreCase)) return new DayRule.DaysOfWeek(Field(expression, "day-of-week", "7", 1, 7, DayNames));
        var hash = field.IndexOf('#', StringComparison.Ordinal);
        if (hash > 0)
        {
            var weekday = Number(expression, "day-of-week", field[..hash], 1, 7, DayNames);
            var nth = Number(expression, "day-of-week", field[(hash + 1)..], 1, 5, null);
            return new DayRule.NthWeekday(weekday, nth);
        }
        if (field.Length > 1 && (field[^1] is 'L' or 'l'))
        {
            return new DayRule.LastWeekday(Number(expression, "day-of-week", field[..^1], 1, 7, DayNames));
        }
        return new DayRule.DaysOfWeek(Field(expression, "day-of-week", field, 1, 7, DayNames));
    }

    /// <summary>Parses <c>*</c>, lists, ranges and steps into the set of allowed values (index = value - min).</summary>
    private static bool[] Field(string expression, string name, string field, int min, int max, string[]? names)
    {
        var set = new bool[max - min + 1];
        foreach (var part in field.Split(','))
        {
            var slash = part.IndexOf('/', StringComparison.Ordinal);
            var range = slash < 0 ? part : part[..slash];
            var step = slash < 0 ? 1 : Number(expression, name, part[(slash + 1)..], 1, max - min + 1, null);
            int from, to;
            if (range == "*")
            {
                (from, to) = (min, max);
            }
            else if (range.IndexOf('-', StringComparison.Ordinal) is var dash and > 0)
            {
                from = Number(expression, name, range[..dash], min, max, names);
                to = Number(expression, name, range[(dash + 1)..], min, max, names);
                if (to < from) throw Invalid(expression, $"the {name} range '{range}' runs backwards");
            }
            else
            {
                from = Number(expression, name, range, min, max, names);
                to = slash < 0 ? from : max;
            }
            for (var v = from; v <= to; v += step) set[v - min] = true;
        }
        return set;
    }

    private static int Number(string expression, string name, string text, int min, int max, string[]? names)
    {
        if (names is not null)
        {
            var index = Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0) return index + min;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw Invalid(expression, $"the {name} field takes {min}-{max}{(names is null ? "" : $" or {names[0]}-{names[^1]}")}, not '{text}'");
        }
        return value;
    }

    private static SemanticException Invalid(string expression, string why) =>
        new($"Invalid schedule '{expression}': {why}", hint: "use AWS's cron format, e.g. cron(15 12 * * ? *)");

    /// <summary>Which days of a month a schedule fires on.</summary>
    private abstract record DayRule
    {
        public abstract bool Matches(int year, int month, int day);

        /// <summary>Day of week 1 (Sunday) to 7 (Saturday).</summary>
        protected static int WeekdayOf(int year, int month, int day) => (int)new DateTime(year, month, day).DayOfWeek + 1;

        public sealed record DaysOfMonth(bool[] Days) : DayRule
        {
            public override bool Matches(int year, int month, int day) => Days[day - 1];
        }

        public sealed record LastDayOfMonth : DayRule
        {
            public override bool Matches(int year, int month, int day) => day == DateTime.DaysInMonth(year, month);
        }

        /// <summary><c>nW</c>: the weekday (Monday-Friday) nearest day n, without leaving the month.</summary>
        public sealed record NearestWeekday(int Day) : DayRule
        {
            public override bool Matches(int year, int month, int day)
            {
                var last = DateTime.DaysInMonth(year, month);
                var target = Math.Min(Day, last);
                var weekday = WeekdayOf(year, month, target);
                if (weekday == 7) target = target == 1 ? 3 : target - 1;
                else if (weekday == 1) target = target == last ? target - 2 : target + 1;
                return day == target;
            }
        }

        public sealed record DaysOfWeek(bool[] Days) : DayRule
        {
            public override bool Matches(int year, int month, int day) => Days[WeekdayOf(year, month, day) - 1];
        }

        public sealed record LastWeekday(int Weekday) : DayRule
        {
            public override bool Matches(int year, int month, int day) =>
                WeekdayOf(year, month, day) == Weekday && day + 7 > DateTime.DaysInMonth(year, month);
        }

        public sealed record NthWeekday(int Weekday, int Nth) : DayRule
        {
            public override bool Matches(int year, int month, int day) =>
                WeekdayOf(year, month, day) == Weekday && (day - 1) / 7 + 1 == Nth;
        }
    }
}
