using System.Collections.Concurrent;
using System.Globalization;

namespace QueryEngine.Engine.Common;

/// <summary>
/// Resolves the zone names Trino accepts: IANA region ids in any letter case (<c>America/New_York</c>), offsets
/// (<c>+02:00</c>, <c>-0530</c>, <c>+02</c>) and the aliases of UTC (<c>UTC</c>, <c>Z</c>, <c>GMT</c>, <c>Etc/UTC</c>, ...).
/// Resolved names are memoized: the tzdata of the machine does not change while the process runs.
/// </summary>
public static class TimeZoneNames
{
    private static readonly HashSet<string> UtcAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        "UTC", "Z", "UT", "UCT", "GMT", "GMT0", "GMT+0", "GMT-0", "Zulu", "Universal", "Greenwich",
        "Etc/UTC", "Etc/UT", "Etc/UCT", "Etc/GMT", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "Etc/Zulu", "Etc/Universal", "Etc/Greenwich",
    };

    private static readonly ConcurrentDictionary<string, TimeZoneRules?> Resolved = new(StringComparer.Ordinal);
    private static readonly Lazy<Dictionary<string, string>> SystemIds = new(LoadSystemIds);

    /// <summary>The zone <paramref name="name"/> names, or null when it names none.</summary>
    public static TimeZoneRules? TryResolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Resolved.GetOrAdd(name.Trim(), Resolve);
    }

    /// <summary>The zone <paramref name="name"/> names, or an error naming it (and where it was written).</summary>
    public static TimeZoneRules Resolve(string name, SourceSpan? at)
    {
        if (TryResolve(name) is { } zone) return zone;
        var message = $"Time zone not supported: '{name}'";
        if (at is { } span) throw new SemanticException(message, span, code: ErrorCode.InvalidCast);
        throw new ExecutionException(message, ErrorCode.InvalidCast);
    }

    private static TimeZoneRules? Resolve(string name)
    {
        if (name.Length == 0) return null;
        if (UtcAliases.Contains(name)) return TimeZoneRules.Utc;
        if (name[0] is '+' or '-') return ParseOffset(name);
        if (name.Contains("..", StringComparison.Ordinal) || name[0] == '/') return null;
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+')) return null;
        }
        if (!SystemIds.Value.TryGetValue(name, out var id)) id = name;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)) return null;
        if (UtcAliases.Contains(zone.Id)) return TimeZoneRules.Utc;
        return TimeZoneRules.FromSystem(zone.Id, zone);
    }

    /// <summary><c>±hh:mm</c>, <c>±hhmm</c> or <c>±hh</c>.</summary>
    private static TimeZoneRules? ParseOffset(string text)
    {
        var sign = text[0] == '-' ? -1 : 1;
        var digits = text.AsSpan(1);
        int hours, minutes = 0;
        if (digits.Length == 5 && digits[2] == ':')
        {
            if (!TwoDigits(digits[..2], out hours) || !TwoDigits(digits[3..], out minutes)) return null;
        }
        else if (digits.Length == 4)
        {
            if (!TwoDigits(digits[..2], out hours) || !TwoDigits(digits[2..], out minutes)) return null;
        }
        else if (digits.Length is 1 or 2)
        {
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out hours)) return null;
        }
        else
        {
            return null;
        }
        if (minutes > 59) return null;
        return TimeZoneRules.FromOffsetMinutes(sign * (hours * 60L + minutes));
    }

    private static bool TwoDigits(ReadOnlySpan<char> text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static Dictionary<string, string> LoadSystemIds()
    {
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var zone in TimeZoneInfo.GetSystemTimeZones()) ids.TryAdd(zone.Id, zone.Id);
        return ids;
    }
}
