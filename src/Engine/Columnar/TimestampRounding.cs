using System.Numerics;

namespace QueryEngine.Engine.Columnar;

/// <summary>Rounds timestamps to a precision as Trino does: half up, toward the later instant on a tie.</summary>
public static class TimestampRounding
{
    /// <summary><paramref name="micros"/> rounded half up to <paramref name="precision"/> fractional digits of a second.</summary>
    public static long Round(long micros, int precision)
    {
        if (precision >= TimestampType.MaxPrecision) return micros;
        return HalfUp(micros, TimeText.Pow10(TimestampType.MaxPrecision - precision));
    }

    /// <summary><paramref name="picos"/> (picoseconds since the epoch) rounded half up to <paramref name="precision"/> digits (0..12).</summary>
    public static Int128 RoundPicos(Int128 picos, int precision)
    {
        if (precision >= TimestampType.MaxSqlPrecision) return picos;
        return HalfUp(picos, (Int128)TimeText.Pow10(TimestampType.MaxSqlPrecision - precision));
    }

    /// <summary><paramref name="value"/> rounded half up (toward positive infinity on a tie) to a multiple of <paramref name="unit"/>.</summary>
    private static T HalfUp<T>(T value, T unit)
        where T : IBinaryInteger<T>
    {
        var shifted = value + unit / T.CreateTruncating(2);
        var below = shifted % unit;
        return shifted - (below < T.Zero ? below + unit : below);
    }

    /// <summary>The whole microseconds at or before <paramref name="picos"/> (floor), and the picoseconds past them (0..999,999).</summary>
    public static long FloorMicros(Int128 picos, out long remainderPicos)
    {
        var micros = picos / TimestampType.PicosPerMicro;
        var rest = picos - micros * TimestampType.PicosPerMicro;
        if (rest < 0)
        {
            micros--;
            rest += TimestampType.PicosPerMicro;
        }
        remainderPicos = (long)rest;
        return (long)micros;
    }

    /// <summary>Whether a value of <paramref name="from"/> may need rounding to become a value of <paramref name="to"/>.</summary>
    public static bool Narrows(DataType from, TimestampType to) =>
        to.Precision < TimestampType.MaxPrecision && !(from is TimestampType f && f.Precision <= to.Precision) && from.Id != TypeId.Date32;
}
