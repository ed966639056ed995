namespace QueryEngine.Engine.Common;

/// <summary>
/// One time zone as Trino names it: an IANA region (rules from the machine's tzdata through <see cref="TimeZoneInfo"/>)
/// or a fixed offset such as <c>+02:00</c>; every spelling of zero offset is <c>UTC</c>. Converts instants
/// (microseconds since the epoch, UTC) to wall-clock time in the zone and back.
/// </summary>
public sealed class TimeZoneRules
{
    private const long MicrosPerSecond = 1_000_000;
    private const long MicrosPerDay = 86_400 * MicrosPerSecond;
    private static readonly long MinMicros = (DateTime.MinValue.Ticks - DateTime.UnixEpoch.Ticks) / 10 + MicrosPerDay;
    private static readonly long MaxMicros = (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / 10 - MicrosPerDay;

    private readonly TimeZoneInfo? _zone;
    private readonly long _fixedOffset;

    private TimeZoneRules(string id, TimeZoneInfo? zone, long fixedOffsetMicros)
    {
        Id = id;
        _zone = zone;
        _fixedOffset = fixedOffsetMicros;
    }

    public static TimeZoneRules Utc { get; } = new("UTC", null, 0);

    /// <summary>The zone's name as Trino prints it: <c>UTC</c>, <c>+02:00</c>, <c>America/New_York</c>.</summary>
    public string Id { get; }

    /// <summary>Whether the offset never changes (UTC or a fixed offset).</summary>
    public bool IsFixed => _zone is null;

    /// <summary>A fixed-offset zone of whole minutes (at most 14 hours either way); zero is UTC.</summary>
    public static TimeZoneRules? FromOffsetMinutes(long minutes)
    {
        if (minutes is < -14 * 60 or > 14 * 60) return null;
        if (minutes == 0) return Utc;
        var sign = minutes < 0 ? '-' : '+';
        var m = Math.Abs(minutes);
        return new TimeZoneRules(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sign}{m / 60:00}:{m % 60:00}"), null, minutes * 60 * MicrosPerSecond);
    }

    internal static TimeZoneRules FromSystem(string id, TimeZoneInfo zone) => new(id, zone, 0);

    /// <summary>Offset from UTC, in microseconds, in force at the instant <paramref name="utcMicros"/>.</summary>
    public long OffsetAt(long utcMicros)
    {
        if (_zone is null) return _fixedOffset;
        var clamped = Math.Clamp(utcMicros, MinMicros, MaxMicros);
        var instant = new DateTime(DateTime.UnixEpoch.Ticks + clamped * 10, DateTimeKind.Utc);
        return _zone.GetUtcOffset(instant).Ticks / 10;
    }

    /// <summary>Wall-clock time in this zone at the instant <paramref name="utcMicros"/>.</summary>
    public long ToLocal(long utcMicros) => _zone is null ? utcMicros + _fixedOffset : utcMicros + OffsetAt(utcMicros);

    /// <summary>
    /// The instant at which clocks in this zone show <paramref name="localMicros"/>, resolved as Joda-Time (and so
    /// Trino) does: in an autumn overlap the earlier instant; in a spring gap the time moves forward by the gap.
    /// </summary>
    public long ToUtc(long localMicros)
    {
        if (_zone is null) return localMicros - _fixedOffset;
        var before = OffsetAt(localMicros - MicrosPerDay);
        var after = OffsetAt(localMicros + MicrosPerDay);
        var early = localMicros - before;
        var late = localMicros - after;
        var earlyValid = OffsetAt(early) == before;
        var lateValid = OffsetAt(late) == after;
        if (earlyValid && lateValid) return Math.Min(early, late);
        if (earlyValid) return early;
        if (lateValid) return late;
        // A gap: the wall-clock time does not exist; keep the offset from before the transition.
        return early;
    }

    public override string ToString() => Id;
}
