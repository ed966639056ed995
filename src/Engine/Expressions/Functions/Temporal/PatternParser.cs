using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Expressions.Functions.Temporal;

/// <summary>
/// Parses text with a compiled pattern into microseconds since the epoch (UTC). Fields that the pattern lacks
/// default to 1970-01-01 00:00:00; two-digit years fall in 1970..2069; the whole text must be consumed.
/// </summary>
internal ref struct PatternParser
{
    private readonly ReadOnlySpan<char> _text;
    private readonly string _function;
    private int _pos;
    private long _year;
    private int _month;
    private int _day;
    private int _dayOfYear;
    private int _hour;
    private int _hour12;
    private int _minute;
    private int _second;
    private long _fraction;
    private int _pm;
    private int _offsetMinutes;

    private PatternParser(ReadOnlySpan<char> text, string function)
    {
        _text = text;
        _function = function;
        _year = 1970;
        _month = 1;
        _day = 1;
        _hour12 = -1;
        _pm = -1;
    }

    public static long Parse(PatternToken[] tokens, ReadOnlySpan<char> text, string function)
    {
        var p = new PatternParser(text, function);
        for (var i = 0; i < tokens.Length; i++)
        {
            var adjacentNumber = i + 1 < tokens.Length && IsNumeric(tokens[i + 1].Field);
            p.Field(tokens[i], adjacentNumber);
        }
        if (p._pos != text.Length) throw p.Malformed();
        return p.Result();
    }

    private static bool IsNumeric(PatternField f) => f is not (PatternField.Literal or PatternField.MonthShort or PatternField.MonthFull
        or PatternField.HalfOfDay or PatternField.WeekdayShort or PatternField.WeekdayFull or PatternField.Era or PatternField.ZoneId
        or PatternField.ZoneOffset or PatternField.ZoneOffsetColon);

    private void Field(PatternToken t, bool adjacentNumber)
    {
        switch (t.Field)
        {
            case PatternField.Literal:
                if (!_text[_pos..].StartsWith(t.Text, StringComparison.Ordinal)) throw Malformed();
                _pos += t.Text.Length;
                break;
            case PatternField.Year: _year = Number(adjacentNumber ? Math.Max(t.Width, 4) : 9); break;
            case PatternField.TwoDigitYear:
                {
                    var start = _pos;
                    var y = Number(2);
                    _year = _pos - start == 2 ? (y >= 70 ? 1900 + y : 2000 + y) : y;
                    break;
                }
            case PatternField.Month: _month = (int)Number(2); break;
            case PatternField.MonthShort or PatternField.MonthFull: _month = Name(CalendarNames.Months) + 1; break;
            case PatternField.Day: _day = (int)Number(2); break;
            case PatternField.DayOfYear: _dayOfYear = (int)Number(3); break;
            case PatternField.Hour24: _hour = (int)Number(2); break;
            case PatternField.Hour1To24: _hour = (int)Number(2) % 24; break;
            case PatternField.Hour12 or PatternField.Hour0To11: _hour12 = (int)Number(2); break;
            case PatternField.Minute: _minute = (int)Number(2); break;
            case PatternField.Second: _second = (int)Number(2); break;
            case PatternField.Fraction:
                {
                    var start = _pos;
                    var digits = Number(9);
                    for (var n = _pos - start; n < 6; n++) digits *= 10;
                    for (var n = _pos - start; n > 6; n--) digits /= 10;
                    _fraction = digits;
                    break;
                }
            case PatternField.HalfOfDay: _pm = Name(["AM", "PM"]); break;
            case PatternField.WeekdayShort or PatternField.WeekdayFull: Name(CalendarNames.Weekdays); break;
            case PatternField.WeekdayNumber or PatternField.IsoWeek or PatternField.IsoWeekYear or PatternField.Century:
                throw new ExecutionException($"{_function}: parsing week-based fields and centuries is not supported");
            case PatternField.Era: Name(["AD", "BC"]); break;
            case PatternField.ZoneId:
                if (Name(["UTC", "GMT", "Z"]) < 0) throw Malformed();
                break;
            case PatternField.ZoneOffset or PatternField.ZoneOffsetColon: _offsetMinutes = Offset(); break;
            default: throw new InternalException($"unhandled pattern field {t.Field}");
        }
    }

    private long Number(int maxDigits)
    {
        var start = _pos;
        long value = 0;
        while (_pos < _text.Length && _pos - start < maxDigits && char.IsAsciiDigit(_text[_pos])) value = value * 10 + (_text[_pos++] - '0');
        if (_pos == start) throw Malformed();
        return value;
    }

    /// <summary>Matches a full name or its three-letter abbreviation, ignoring case; returns its index.</summary>
    private int Name(string[] names)
    {
        var rest = _text[_pos..];
        for (var i = 0; i < names.Length; i++)
        {
            if (rest.StartsWith(names[i], StringComparison.OrdinalIgnoreCase))
            {
                _pos += names[i].Length;
                return i;
            }
        }
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i].Length > 3 && rest.StartsWith(names[i].AsSpan(0, 3), StringComparison.OrdinalIgnoreCase))
            {
                _pos += 3;
                return i;
            }
        }
        throw Malformed();
    }

    private int Offset()
    {
        if (_pos < _text.Length && _text[_pos] == 'Z')
        {
            _pos++;
            return 0;
        }
        if (_pos >= _text.Length || _text[_pos] is not ('+' or '-')) throw Malformed();
        var sign = _text[_pos++] == '-' ? -1 : 1;
        var hours = (int)Number(2);
        var minutes = 0;
        if (_pos < _text.Length && _text[_pos] == ':') _pos++;
        if (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) minutes = (int)Number(2);
        if (hours > 23 || minutes > 59) throw Malformed();
        return sign * (hours * 60 + minutes);
    }

    private readonly long Result()
    {
        var hour = _hour;
        if (_hour12 >= 0)
        {
            Check(_hour12, _pm >= 0 ? 1 : 0, 12, "clockhourOfHalfday");
            hour = _hour12 % 12 + (_pm == 1 ? 12 : 0);
        }
        else if (_pm == 1 && hour < 12) hour += 12;
        Check(_month, 1, 12, "monthOfYear");
        Check(hour, 0, 23, "hourOfDay");
        Check(_minute, 0, 59, "minuteOfHour");
        Check(_second, 0, 59, "secondOfMinute");
        long days;
        if (_dayOfYear > 0)
        {
            Check(_dayOfYear, 1, CivilTime.IsLeapYear(_year) ? 366 : 365, "dayOfYear");
            days = CivilTime.ToDays(_year, 1, 1) + _dayOfYear - 1;
        }
        else
        {
            Check(_day, 1, CivilTime.DaysInMonth(_year, _month), "dayOfMonth");
            days = CivilTime.ToDays(_year, _month, _day);
        }
        return checked(days * CivilTime.MicrosPerDay + hour * CivilTime.MicrosPerHour + _minute * CivilTime.MicrosPerMinute
            + _second * CivilTime.MicrosPerSecond + _fraction - _offsetMinutes * CivilTime.MicrosPerMinute);
    }

    private readonly void Check(long value, long min, long max, string field)
    {
        if (value < min || value > max)
            throw new ExecutionException($"{_function}: cannot parse \"{_text.ToString()}\": value {value} for {field} must be in the range [{min},{max}]");
    }

    private readonly ExecutionException Malformed() =>
        new($"{_function}: invalid format: \"{_text.ToString()}\" is malformed at \"{_text[_pos..].ToString()}\"");
}
