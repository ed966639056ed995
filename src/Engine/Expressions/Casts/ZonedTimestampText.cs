using System.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Expressions.Casts;

/// <summary>
/// Parses Trino's text of a timestamp with time zone: a timestamp (<c>2020-01-01 10:00:00[.ffffff]</c>, or just a date)
/// followed by a zone after a space (<c>America/New_York</c>, <c>UTC</c>, <c>+02:00</c>) or an offset written straight
/// after the time (<c>10:00:00+02:00</c>, <c>10:00:00Z</c>).
/// </summary>
internal static class ZonedTimestampText
{
    /// <summary>
    /// Splits <paramref name="text"/> into the wall-clock time and the zone it names (null when the text names none);
    /// false when the text is not a timestamp or names a zone that does not exist.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long localMicros, out TimeZoneRules? zone)
    {
        text = text.Trim((byte)' ');
        zone = null;
        if (TextParsing.TryParseTimestamp(text, out localMicros)) return true;
        var space = text.LastIndexOf((byte)' ');
        if (space > 0 && TextParsing.TryParseTimestamp(text[..space], out localMicros))
        {
            zone = TimeZoneNames.TryResolve(Encoding.UTF8.GetString(text[(space + 1)..]));
            if (zone is not null) return true;
        }
        var colon = text.IndexOf((byte)':');
        if (colon < 0) return false;
        var sign = text.LastIndexOfAny((byte)'+', (byte)'-');
        var at = sign > colon ? sign : text[^1] is (byte)'Z' or (byte)'z' ? text.Length - 1 : -1;
        if (at <= colon || !TextParsing.TryParseTimestamp(text[..at], out localMicros)) return false;
        zone = TimeZoneNames.TryResolve(Encoding.UTF8.GetString(text[at..]));
        return zone is not null;
    }

    /// <summary>The instant <paramref name="text"/> names; a text without a zone is wall-clock time in <paramref name="defaultZone"/>.</summary>
    public static bool TryParseInstant(ReadOnlySpan<byte> text, TimeZoneRules defaultZone, out long utcMicros)
    {
        utcMicros = 0;
        if (!TryParse(text, out var local, out var zone)) return false;
        utcMicros = (zone ?? defaultZone).ToUtc(local);
        return true;
    }

    /// <summary>The zone a <c>timestamp with time zone</c> type carries (UTC when it names none the machine knows).</summary>
    public static TimeZoneRules ZoneOf(DataType type) =>
        type is TimestampType { TimeZone: { } name } ? TimeZoneNames.TryResolve(name) ?? TimeZoneRules.Utc : TimeZoneRules.Utc;
}

/// <summary>varchar to timestamp with time zone: the zone written in the text, else the target type's zone.</summary>
internal readonly struct ZonedTimestampParser(TimeZoneRules defaultZone) : ITextParser<long>
{
    public bool TryParse(ReadOnlySpan<byte> text, out long result, out bool outOfRange)
    {
        outOfRange = false;
        return ZonedTimestampText.TryParseInstant(text, defaultZone, out result);
    }
}

/// <summary>timestamp to timestamp with time zone: the wall-clock time read in the zone.</summary>
internal readonly struct LocalToInstant(TimeZoneRules zone) : IConverter<long, long>
{
    public bool TryConvert(long value, out long result)
    {
        result = zone.ToUtc(value);
        return true;
    }

    public ExecutionException Fail(long value) => throw new InternalException("timestamp to timestamp with time zone cannot fail");
}

/// <summary>timestamp with time zone to timestamp: the wall-clock time in the value's zone.</summary>
internal readonly struct InstantToLocal(TimeZoneRules zone) : IConverter<long, long>
{
    public bool TryConvert(long value, out long result)
    {
        result = zone.ToLocal(value);
        return true;
    }

    public ExecutionException Fail(long value) => throw new InternalException("timestamp with time zone to timestamp cannot fail");
}

/// <summary>date to timestamp with time zone: midnight in the zone.</summary>
internal readonly struct DateToInstant(TimeZoneRules zone) : IConverter<int, long>
{
    public bool TryConvert(int value, out long result)
    {
        result = zone.ToUtc(value * Kernels.CivilTime.MicrosPerDay);
        return true;
    }

    public ExecutionException Fail(int value) => throw new InternalException("date to timestamp with time zone cannot fail");
}

/// <summary>timestamp with time zone to date: the calendar day in the value's zone.</summary>
internal readonly struct InstantToDate(TimeZoneRules zone) : IConverter<long, int>
{
    public bool TryConvert(long value, out int result)
    {
        result = (int)Kernels.CivilTime.DaysOf(zone.ToLocal(value));
        return true;
    }

    public ExecutionException Fail(long value) => throw new InternalException("timestamp with time zone to date cannot fail");
}
