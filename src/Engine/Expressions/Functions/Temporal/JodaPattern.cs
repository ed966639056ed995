using System.Text;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Expressions.Functions.Temporal;

/// <summary>
/// Compiles the Joda-Time patterns of Trino's format_datetime/parse_datetime: G C Y x w e E y D M d a K h H k m s S z Z,
/// quoted text ('' is a quote). Other letters are errors; other characters stand for themselves.
/// </summary>
internal static class JodaPattern
{
    public static PatternToken[] Compile(string pattern, string function)
    {
        var tokens = new List<PatternToken>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\'')
            {
                i = Quoted(pattern, i, literal, function);
                continue;
            }
            if (!char.IsAsciiLetter(c))
            {
                literal.Append(c);
                i++;
                continue;
            }
            var count = 1;
            while (i + count < pattern.Length && pattern[i + count] == c) count++;
            i += count;
            PatternToken token = c switch
            {
                'G' => new(PatternField.Era, 0),
                'C' => new(PatternField.Century, count),
                'Y' or 'y' => count == 2 ? new(PatternField.TwoDigitYear, 2) : new(PatternField.Year, count),
                'x' => new(PatternField.IsoWeekYear, count),
                'w' => new(PatternField.IsoWeek, count),
                'e' => new(PatternField.WeekdayNumber, count),
                'E' => count >= 4 ? new(PatternField.WeekdayFull, 0) : new(PatternField.WeekdayShort, 0),
                'D' => new(PatternField.DayOfYear, count),
                'M' => count >= 4 ? new(PatternField.MonthFull, 0) : count == 3 ? new(PatternField.MonthShort, 0) : new(PatternField.Month, count),
                'd' => new(PatternField.Day, count),
                'a' => new(PatternField.HalfOfDay, 0),
                'K' => new(PatternField.Hour0To11, count),
                'h' => new(PatternField.Hour12, count),
                'H' => new(PatternField.Hour24, count),
                'k' => new(PatternField.Hour1To24, count),
                'm' => new(PatternField.Minute, count),
                's' => new(PatternField.Second, count),
                'S' => new(PatternField.Fraction, count),
                'z' => new(PatternField.ZoneId, count),
                'Z' => count == 1 ? new(PatternField.ZoneOffset, 0) : count == 2 ? new(PatternField.ZoneOffsetColon, 0) : new(PatternField.ZoneId, count),
                _ => throw new ExecutionException($"{function}: pattern letter '{c}' is not supported (in pattern '{pattern}')"),
            };
            if (literal.Length > 0)
            {
                tokens.Add(new(PatternField.Literal, 0, literal.ToString()));
                literal.Clear();
            }
            tokens.Add(token);
        }
        if (literal.Length > 0) tokens.Add(new(PatternField.Literal, 0, literal.ToString()));
        return [.. tokens];
    }

    private static int Quoted(string pattern, int start, StringBuilder literal, string function)
    {
        var i = start + 1;
        if (i < pattern.Length && pattern[i] == '\'')
        {
            literal.Append('\'');
            return i + 1;
        }
        while (i < pattern.Length)
        {
            if (pattern[i] == '\'')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] == '\'')
                {
                    literal.Append('\'');
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            literal.Append(pattern[i++]);
        }
        throw new ExecutionException($"{function}: unterminated quote in pattern '{pattern}'");
    }
}
