using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Expressions.Casts;

/// <summary>
/// Casts to and from TIME(p) (picoseconds of day): text both ways, another precision (rounded half up, wrapping past
/// midnight as Trino does), timestamp to time (its time of day; a zoned timestamp's wall-clock time in its zone) and
/// time to timestamp (on today's date in UTC, as Trino puts the session's current date).
/// </summary>
internal static class TimeCasts
{
    private const long PicosPerMicro = 1_000_000;
    private const long MicrosPerDay = 86_400_000_000;

    public static CastFunc? Create(DataType from, DataType to)
    {
        if (to is TimeType target)
        {
            return from switch
            {
                TimeType => (a, _) => Map((PrimitiveArray<long>)a, target, new Rounding(target.Precision)),
                TimestampType { TimeZone: not null } => ZonedToTime(ZonedTimestampText.ZoneOf(from), target),
                TimestampType => (a, _) => Map((PrimitiveArray<long>)a, target, new TimeOfDay(target.Precision)),
                _ when from.Id == TypeId.Utf8 && from is not JsonType => (a, isTry) => Parse((BinaryArray)a, target, isTry),
                _ => null,
            };
        }
        if (from is not TimeType) return null;
        if (to.Id == TypeId.Utf8 && to is not JsonType) return static (a, _) => CastLoops.FormatEach(a, ValueFormatter.Format);
        if (to is TimestampType { TimeZone: null } timestamp)
        {
            var today = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10 / MicrosPerDay * MicrosPerDay;
            return (a, _) => Map((PrimitiveArray<long>)a, to, new OnDate(today, timestamp.Precision));
        }
        return null;
    }

    private static CastFunc ZonedToTime(TimeZoneRules zone, TimeType target) =>
        (a, _) => Map((PrimitiveArray<long>)a, target, new ZonedTimeOfDay(zone, target.Precision));

    private static long OfDay(long micros, int precision)
    {
        var ofDay = micros % MicrosPerDay;
        if (ofDay < 0) ofDay += MicrosPerDay;
        return TimeText.Round(ofDay * PicosPerMicro, precision);
    }

    /// <summary>One value's conversion, a struct so the loop calls it directly (no delegate per row).</summary>
    private interface IConversion
    {
        long Convert(long value);
    }

    private readonly struct Rounding(int precision) : IConversion
    {
        public long Convert(long value) => TimeText.Round(value, precision);
    }

    private readonly struct TimeOfDay(int precision) : IConversion
    {
        public long Convert(long value) => OfDay(value, precision);
    }

    private readonly struct ZonedTimeOfDay(TimeZoneRules zone, int precision) : IConversion
    {
        public long Convert(long value) => OfDay(zone.ToLocal(value), precision);
    }

    /// <summary>A time of day on a date, rounded half up to the timestamp's precision.</summary>
    private readonly struct OnDate(long dayStartMicros, int precision) : IConversion
    {
        private readonly long _unit = TimeText.Pow10(TimeType.MaxPrecision - precision);

        public long Convert(long value) => dayStartMicros + (value + _unit / 2) / _unit * _unit / PicosPerMicro;
    }

    private static PrimitiveArray<long> Map<TConversion>(PrimitiveArray<long> input, DataType type, TConversion conversion)
        where TConversion : struct, IConversion
    {
        var values = input.Values;
        var result = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (!input.IsNull(i)) result[i] = conversion.Convert(values[i]);
        }
        return new PrimitiveArray<long>(type, result, values.Length, input.Validity, input.NullCount);
    }

    private static PrimitiveArray<long> Parse(BinaryArray input, TimeType target, bool isTry)
    {
        var n = input.Length;
        var result = new long[n];
        var validity = input.Validity is null ? null : (byte[])input.Validity.Clone();
        for (var i = 0; i < n; i++)
        {
            if (input.IsNull(i)) continue;
            if (TimeText.TryParse(input.GetBytes(i), out var picos, out _))
            {
                result[i] = TimeText.Round(picos, target.Precision);
                continue;
            }
            if (!isTry) throw CastLoops.TextError(input, i, target, outOfRange: false);
            validity ??= Bitmap.AllSet(n);
            Bitmap.Clear(validity, i);
        }
        return new PrimitiveArray<long>(target, result, n, validity);
    }
}
