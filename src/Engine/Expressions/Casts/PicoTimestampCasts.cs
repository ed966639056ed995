using System.Globalization;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Expressions.Casts;

/// <summary>
/// Casts to and from timestamp(7..12) [with time zone], whose values are Int128 picoseconds since the epoch. Each cast
/// splits a value into whole microseconds and the picoseconds past them, lets the microsecond casts do the calendar
/// and zone work (zone offsets are whole seconds, so the remainder never changes), and joins the two again.
/// </summary>
public static class PicoTimestampCasts
{
    private static readonly TimestampType Micros = new(null, TimestampType.MaxPrecision);

    internal static CastFunc? Create(DataType from, DataType to)
    {
        if (from is JsonType || to is JsonType) return null;
        if (to is TimestampType { IsPicos: true } target)
        {
            if (from is TimestampType { IsPicos: true } source)
            {
                var zones = CastCompiler.Create(Micros.WithZone(source.TimeZone), Micros.WithZone(target.TimeZone));
                return (a, t) => Join(zones(FloorToMicros((PrimitiveArray<Int128>)a, source.TimeZone, out var rest), t), rest, target);
            }
            if (from.Id == TypeId.Utf8) return (a, t) => ParseText((BinaryArray)a, target, t);
            if (from is TimeType) return null;
            var toMicros = CastCompiler.Create(from, Micros.WithZone(target.TimeZone));
            return (a, t) => Join(toMicros(a, t), null, target);
        }
        if (from is not TimestampType { IsPicos: true } pico) return null;
        if (to.Id == TypeId.Utf8 && to is not JsonType) return static (a, _) => CastLoops.FormatEach(a, ValueFormatter.Format);
        if (to is TimestampType coarse)
        {
            // Round once, straight to the target's digits (rounding to microseconds first could round twice).
            var fromMicros = CastCompiler.Create(Micros.WithZone(pico.TimeZone), coarse);
            return (a, t) => fromMicros(RoundToMicros((PrimitiveArray<Int128>)a, coarse.Precision, pico.TimeZone), t);
        }
        if (to is TimeType time)
        {
            var ofDay = CastCompiler.Create(Micros.WithZone(pico.TimeZone), new TimeType(TimeType.MaxPrecision));
            return (a, t) => AddToTimeOfDay((PrimitiveArray<long>)ofDay(FloorToMicros((PrimitiveArray<Int128>)a, pico.TimeZone, out var rest), t), rest, time);
        }
        if (to.Id == TypeId.Date32)
        {
            // A date is the calendar day the value falls in: whole microseconds decide it.
            var toDate = CastCompiler.Create(Micros.WithZone(pico.TimeZone), to);
            return (a, t) => toDate(FloorToMicros((PrimitiveArray<Int128>)a, pico.TimeZone, out _), t);
        }
        return null;
    }

    /// <summary>Whole microseconds (floor) as timestamp(6) in <paramref name="zone"/>, the sub-microsecond picoseconds in <paramref name="rest"/>.</summary>
    private static PrimitiveArray<long> FloorToMicros(PrimitiveArray<Int128> input, string? zone, out long[] rest)
    {
        var values = input.Values;
        var micros = new long[values.Length];
        rest = new long[values.Length];
        for (var i = 0; i < values.Length; i++) micros[i] = TimestampRounding.FloorMicros(values[i], out rest[i]);
        return new PrimitiveArray<long>(Micros.WithZone(zone), micros, input.Length, input.Validity, input.NullCount);
    }

    /// <summary>Values rounded half up to <paramref name="precision"/> (0..6) digits, then exact microseconds.</summary>
    private static PrimitiveArray<long> RoundToMicros(PrimitiveArray<Int128> input, int precision, string? zone)
    {
        var values = input.Values;
        var micros = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            micros[i] = (long)(TimestampRounding.RoundPicos(values[i], precision) / TimestampType.PicosPerMicro);
        }
        return new PrimitiveArray<long>(Micros.WithZone(zone), micros, input.Length, input.Validity, input.NullCount);
    }

    /// <summary>Microseconds (timestamp(6) in the target's zone) times a million plus the remainders, rounded to the target's precision.</summary>
    private static PrimitiveArray<Int128> Join(ArrowArray microsArray, long[]? rest, TimestampType target)
    {
        var micros = (PrimitiveArray<long>)microsArray;
        var values = micros.Values;
        var picos = new Int128[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var value = (Int128)values[i] * TimestampType.PicosPerMicro + (rest is null ? 0 : rest[i]);
            picos[i] = TimestampRounding.RoundPicos(value, target.Precision);
        }
        return new PrimitiveArray<Int128>(target, picos, micros.Length, micros.Validity, micros.NullCount);
    }

    private static PrimitiveArray<long> AddToTimeOfDay(PrimitiveArray<long> ofDay, long[] rest, TimeType target)
    {
        var values = ofDay.Values;
        var picos = new long[values.Length];
        for (var i = 0; i < values.Length; i++) picos[i] = TimeText.Round(values[i] + rest[i], target.Precision);
        return new PrimitiveArray<long>(target, picos, ofDay.Length, ofDay.Validity, ofDay.NullCount);
    }

    /// <summary>
    /// Text with up to 12 fraction digits: the digits past the sixth are taken off and kept as picoseconds, the rest
    /// parses as timestamp(6) (with its zone, when the target has one).
    /// </summary>
    private static PrimitiveArray<Int128> ParseText(BinaryArray input, TimestampType target, bool isTry)
    {
        var builder = new BinaryBuilder(DataType.Utf8, input.Length, input.Data.Length);
        var rest = new long[input.Length];
        for (var i = 0; i < input.Length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }
            var text = input.GetString(i);
            if (TextParsing.TimestampFractionDigits(input.GetBytes(i)) > TimestampType.MaxSqlPrecision)
            {
                // More than picoseconds: not a value of any timestamp type (never silently cut).
                if (!isTry) throw new ExecutionException($"Cannot cast '{text}' to {target.SqlName}: more than 12 fraction digits", ErrorCode.InvalidCast);
                builder.AppendNull();
                continue;
            }
            builder.Append(SplitFraction(text, out rest[i]));
        }
        var micros = CastCompiler.Create(DataType.Utf8, Micros.WithZone(target.TimeZone))(builder.Build(), isTry);
        return Join(micros, rest, target);
    }

    /// <summary><paramref name="text"/> with fraction digits past the sixth removed; those digits (padded to six) in <paramref name="picos"/>.</summary>
    internal static string SplitFraction(string text, out long picos)
    {
        picos = 0;
        // The fraction follows hh:mm:ss. — the first '.' after the second ':' of the time.
        var firstColon = text.IndexOf(':');
        var secondColon = firstColon < 0 ? -1 : text.IndexOf(':', firstColon + 1);
        var dot = secondColon < 0 ? -1 : text.IndexOf('.', secondColon + 1);
        if (dot < 0) return text;
        var end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
        var digits = end - dot - 1;
        if (digits <= TimestampType.MaxPrecision || digits > TimestampType.MaxSqlPrecision) return text;
        var extra = text.Substring(dot + 1 + TimestampType.MaxPrecision, digits - TimestampType.MaxPrecision);
        picos = long.Parse(extra, CultureInfo.InvariantCulture) * TimeText.Pow10(TimestampType.MaxSqlPrecision - TimestampType.MaxPrecision - extra.Length);
        return text[..(dot + 1 + TimestampType.MaxPrecision)] + text[end..];
    }
}
