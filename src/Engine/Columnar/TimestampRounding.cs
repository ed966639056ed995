namespace QueryEngine.Engine.Columnar;

/// <summary>Rounds timestamp microseconds to a precision 0..6 as Trino does: half up, toward the later instant on a tie.</summary>
public static class TimestampRounding
{
    /// <summary><paramref name="micros"/> rounded half up to <paramref name="precision"/> fractional digits of a second.</summary>
    public static long Round(long micros, int precision)
    {
        if (precision >= TimestampType.MaxPrecision) return micros;
        var unit = TimeText.Pow10(TimestampType.MaxPrecision - precision);
        var shifted = micros + unit / 2;
        var below = shifted % unit;
        return shifted - (below < 0 ? below + unit : below);
    }

    /// <summary>Whether a value of <paramref name="from"/> may need rounding to become a value of <paramref name="to"/>.</summary>
    public static bool Narrows(DataType from, TimestampType to) =>
        to.Precision < TimestampType.MaxPrecision && !(from is TimestampType f && f.Precision <= to.Precision) && from.Id != TypeId.Date32;
}
