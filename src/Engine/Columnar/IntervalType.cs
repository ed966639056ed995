namespace QueryEngine.Engine.Columnar;

/// <summary>
/// Trino's INTERVAL DAY TO SECOND (a 64-bit count of milliseconds, physically Int64) or INTERVAL YEAR TO MONTH (a
/// 32-bit count of months, physically Int32). The physical id lets every fixed-width kernel (take, sort, hash, compare)
/// work unchanged; the type itself is not an integer, so arithmetic and casts treat it apart.
/// </summary>
public sealed record IntervalType : DataType
{
    public static readonly IntervalType DayToSecond = new(yearToMonth: false);
    public static readonly IntervalType YearToMonth = new(yearToMonth: true);

    private IntervalType(bool yearToMonth) : base(yearToMonth ? TypeId.Int32 : TypeId.Int64) => IsYearToMonth = yearToMonth;

    public bool IsYearToMonth { get; }

    public override string SqlName => IsYearToMonth ? "interval year to month" : "interval day to second";
}
