using System.Globalization;
using System.Text;

namespace QueryEngine.Engine.Columnar;

/// <summary>Renders single values as text the way Trino's CLI prints them (NULL as <c>NULL</c>).</summary>
public static class ValueFormatter
{
    public const string NullText = "NULL";

    public static string Format(ArrowArray array, int row)
    {
        if (array.IsNull(row)) return NullText;
        return array switch
        {
            PrimitiveArray<Int128> d when array.Type is DecimalType dt => FormatDecimal(d[row], dt.Scale),
            PrimitiveArray<Int128> d when array.Type is TimestampType ts => FormatPicoTimestamp(d[row], ts),
            PrimitiveArray<long> l when array.Type is IntervalType => FormatDayToSecond(l[row]),
            PrimitiveArray<long> l when array.Type is TimeType time => TimeText.Format(l[row], time.Precision),
            PrimitiveArray<int> i when array.Type is IntervalType => FormatYearToMonth(i[row]),
            PrimitiveArray<int> i when array.Type.Id == TypeId.Date32 => FormatDate(i[row]),
            PrimitiveArray<long> l when array.Type.Id == TypeId.Timestamp => FormatTimestamp(l[row], array.Type),
            PrimitiveArray<double> f => FormatDouble(f[row]),
            PrimitiveArray<float> f => FormatReal(f[row]),
            BinaryArray b when b.IsUtf8 => b.GetString(row),
            BinaryArray b => Convert.ToHexStringLower(b.GetBytes(row)),
            BooleanArray b => b.GetBit(row) ? "true" : "false",
            _ => FormatValue(array.GetValue(row), array.Type),
        };
    }

    /// <summary>Formats a boxed value of the given type.</summary>
    public static string FormatValue(object? value, DataType type)
    {
        switch (value)
        {
            case null: return NullText;
            case Int128 d when type is DecimalType dt: return FormatDecimal(d, dt.Scale);
            case Int128 d when type is TimestampType ts: return FormatPicoTimestamp(d, ts);
            case long l when type is IntervalType: return FormatDayToSecond(l);
            case long l when type is TimeType time: return TimeText.Format(l, time.Precision);
            case int i when type is IntervalType: return FormatYearToMonth(i);
            case int i when type.Id == TypeId.Date32: return FormatDate(i);
            case long l when type.Id == TypeId.Timestamp: return FormatTimestamp(l, type);
            case double f: return FormatDouble(f);
            case float f: return FormatReal(f);
            case bool b: return b ? "true" : "false";
            case string s: return s;
            case byte[] bytes: return Convert.ToHexStringLower(bytes);
            case object?[] items when type is ListType lt:
                return "[" + string.Join(", ", items.Select(v => FormatValue(v, lt.Element.Type))) + "]";
            case object?[] fields when type is StructType st:
                {
                    var sb = new StringBuilder("{");
                    for (var i = 0; i < fields.Length; i++)
                    {
                        if (i > 0) sb.Append(", ");
                        if (st.Fields[i].Name.Length > 0) sb.Append(st.Fields[i].Name).Append('=');
                        sb.Append(FormatValue(fields[i], st.Fields[i].Type));
                    }
                    return sb.Append('}').ToString();
                }
            case KeyValuePair<object?, object?>[] entries when type is MapType mt:
                return "{" + string.Join(", ", entries.Select(e => FormatValue(e.Key, mt.Key.Type) + "=" + FormatValue(e.Value, mt.Value.Type))) + "}";
            case IFormattable f: return f.ToString(null, CultureInfo.InvariantCulture);
            default: return value.ToString() ?? NullText;
        }
    }

    public static string FormatDecimal(Int128 unscaled, int scale)
    {
        var negative = unscaled < 0;
        var digits = (negative ? -unscaled : unscaled).ToString(CultureInfo.InvariantCulture);
        if (scale > 0)
        {
            if (digits.Length <= scale) digits = new string('0', scale - digits.Length + 1) + digits;
            digits = digits[..^scale] + "." + digits[^scale..];
        }
        return negative ? "-" + digits : digits;
    }

    /// <summary>Trino's text of an INTERVAL DAY TO SECOND: <c>d hh:mm:ss.fff</c>, with a leading minus when negative.</summary>
    public static string FormatDayToSecond(long millis)
    {
        var sign = millis < 0 ? "-" : string.Empty;
        var m = millis < 0 ? -(Int128)millis : millis;
        var days = m / 86_400_000;
        var rest = m % 86_400_000;
        return string.Create(CultureInfo.InvariantCulture,
            $"{sign}{days} {rest / 3_600_000:00}:{rest / 60_000 % 60:00}:{rest / 1000 % 60:00}.{rest % 1000:000}");
    }

    /// <summary>Trino's text of an INTERVAL YEAR TO MONTH: <c>y-m</c>, with a leading minus when negative.</summary>
    public static string FormatYearToMonth(int months)
    {
        var sign = months < 0 ? "-" : string.Empty;
        var m = Math.Abs((long)months);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{m / 12}-{m % 12}");
    }

    public static string FormatDate(int days) =>
        DateOnly.FromDayNumber(Epoch.DayNumber + days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A timestamp's wall-clock text with <paramref name="precision"/> fractional digits (none at 0), as Trino prints timestamp(p).</summary>
    public static string FormatTimestamp(long micros, int precision = TimestampType.MaxPrecision)
    {
        var ticks = DateTime.UnixEpoch.Ticks + micros * 10;
        var text = new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
        // Six digits are always written; timestamp(p) keeps p of them (the value is already rounded to p).
        return text[..(text.Length - (precision == 0 ? 7 : TimestampType.MaxPrecision - precision))];
    }

    /// <summary>
    /// A timestamp as Trino prints it: p fractional digits and, with a zone, the wall-clock time in that zone followed
    /// by the zone's name (<c>2020-01-01 10:00:00.000 America/New_York</c>).
    /// </summary>
    public static string FormatTimestamp(long micros, DataType type)
    {
        var precision = type is TimestampType t ? t.Precision : TimestampType.MaxPrecision;
        if (type is not TimestampType { TimeZone: { } name }) return FormatTimestamp(micros, precision);
        var zone = Common.TimeZoneNames.TryResolve(name) ?? Common.TimeZoneRules.Utc;
        return FormatTimestamp(zone.ToLocal(micros), precision) + " " + zone.Id;
    }

    /// <summary>
    /// A timestamp(7..12) held as picoseconds since the epoch: the wall-clock text of its whole microseconds, the
    /// remaining six digits, cut to the type's precision, and the zone's name when it has one.
    /// </summary>
    public static string FormatPicoTimestamp(Int128 picos, TimestampType type)
    {
        var micros = TimestampRounding.FloorMicros(picos, out var remainder);
        var zone = type.TimeZone is { } name ? Common.TimeZoneNames.TryResolve(name) ?? Common.TimeZoneRules.Utc : null;
        var wall = FormatTimestamp(zone is null ? micros : zone.ToLocal(micros), TimestampType.MaxPrecision)
            + remainder.ToString("000000", CultureInfo.InvariantCulture)[..(type.Precision - TimestampType.MaxPrecision)];
        return zone is null ? wall : wall + " " + zone.Id;
    }

    public static string FormatDouble(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "Infinity";
        if (double.IsNegativeInfinity(value)) return "-Infinity";
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    public static string FormatReal(float value)
    {
        if (float.IsNaN(value)) return "NaN";
        if (float.IsPositiveInfinity(value)) return "Infinity";
        if (float.IsNegativeInfinity(value)) return "-Infinity";
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    private static readonly DateOnly Epoch = new(1970, 1, 1);
}
