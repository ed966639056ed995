namespace QueryEngine.Engine.Expressions.Functions.Temporal;

/// <summary>English month and weekday names (Trino formats with the English locale).</summary>
internal static class CalendarNames
{
    public static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>Index 0 is Monday (ISO day 1).</summary>
    public static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
}
