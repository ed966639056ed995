namespace QueryEngine.Engine.Expressions.Functions.Temporal;

/// <summary>What one element of a compiled date/time pattern prints or parses.</summary>
internal enum PatternField
{
    Literal,
    Year,
    TwoDigitYear,
    Month,
    MonthShort,
    MonthFull,
    Day,
    DayOfYear,
    Hour24,
    Hour12,
    Hour0To11,
    Hour1To24,
    Minute,
    Second,
    Fraction,
    HalfOfDay,
    WeekdayShort,
    WeekdayFull,
    WeekdayNumber,
    IsoWeek,
    IsoWeekYear,
    Era,
    Century,
    ZoneId,
    ZoneOffset,
    ZoneOffsetColon,
}

/// <summary>One element of a compiled pattern: a field printed with at least <see cref="Width"/> digits, or literal text.</summary>
internal readonly record struct PatternToken(PatternField Field, int Width, string Text = "")
{
    /// <summary>Truncate the fraction of a second to milliseconds when printing (MySQL <c>%f</c> as Trino documents it).</summary>
    public bool Millis { get; init; }
}
