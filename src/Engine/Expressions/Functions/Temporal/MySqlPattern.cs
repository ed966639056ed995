using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Expressions.Functions.Temporal;

/// <summary>
/// Compiles the MySQL format strings of Trino's date_format/date_parse. Specifiers Trino does not support
/// (<c>%D %U %u %V %w %X</c>) are errors; any other character after '%' stands for itself.
/// </summary>
internal static class MySqlPattern
{
    public static PatternToken[] Compile(string format, string function)
    {
        var tokens = new List<PatternToken>();
        var literal = new System.Text.StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%' || i + 1 == format.Length)
            {
                literal.Append(c);
                continue;
            }
            var spec = format[++i];
            PatternToken? token = spec switch
            {
                'a' => new(PatternField.WeekdayShort, 0),
                'b' => new(PatternField.MonthShort, 0),
                'c' => new(PatternField.Month, 1),
                'd' => new(PatternField.Day, 2),
                'e' => new(PatternField.Day, 1),
                'f' => new(PatternField.Fraction, 6) { Millis = true },
                'H' => new(PatternField.Hour24, 2),
                'h' or 'I' => new(PatternField.Hour12, 2),
                'i' => new(PatternField.Minute, 2),
                'j' => new(PatternField.DayOfYear, 3),
                'k' => new(PatternField.Hour24, 1),
                'l' => new(PatternField.Hour12, 1),
                'M' => new(PatternField.MonthFull, 0),
                'm' => new(PatternField.Month, 2),
                'p' => new(PatternField.HalfOfDay, 0),
                'S' or 's' => new(PatternField.Second, 2),
                'v' => new(PatternField.IsoWeek, 2),
                'W' => new(PatternField.WeekdayFull, 0),
                'x' => new(PatternField.IsoWeekYear, 4),
                'Y' => new(PatternField.Year, 4),
                'y' => new(PatternField.TwoDigitYear, 2),
                _ => null,
            };
            if (spec is 'D' or 'U' or 'u' or 'V' or 'w' or 'X')
                throw new ExecutionException($"{function}: format specifier %{spec} is not supported (in format '{format}')");
            if (spec is 'r' or 'T')
            {
                Flush(tokens, literal);
                tokens.Add(new(spec == 'r' ? PatternField.Hour12 : PatternField.Hour24, 2));
                tokens.Add(new(PatternField.Literal, 0, ":"));
                tokens.Add(new(PatternField.Minute, 2));
                tokens.Add(new(PatternField.Literal, 0, ":"));
                tokens.Add(new(PatternField.Second, 2));
                if (spec == 'r')
                {
                    tokens.Add(new(PatternField.Literal, 0, " "));
                    tokens.Add(new(PatternField.HalfOfDay, 0));
                }
                continue;
            }
            if (token is null)
            {
                literal.Append(spec);
                continue;
            }
            Flush(tokens, literal);
            tokens.Add(token.Value);
        }
        Flush(tokens, literal);
        return [.. tokens];
    }

    private static void Flush(List<PatternToken> tokens, System.Text.StringBuilder literal)
    {
        if (literal.Length == 0) return;
        tokens.Add(new(PatternField.Literal, 0, literal.ToString()));
        literal.Clear();
    }
}
