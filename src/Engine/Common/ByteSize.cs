using System.Globalization;

namespace QueryEngine.Engine.Common;

/// <summary>Byte counts as people write them: "64MB", "1.5GB", "512kB", "2048B" (units are powers of 1024, as in Trino).</summary>
public static class ByteSize
{
    private static readonly (string Unit, long Factor)[] Units =
    [
        ("TB", 1L << 40), ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10), ("B", 1),
    ];

    /// <summary>Parses a size such as "1GB" or "64 MB" (case-insensitive, a bare number is bytes).</summary>
    /// <param name="what">What the size is for, named in the error (e.g. "query_max_memory").</param>
    public static long Parse(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var factor = 1L;
        foreach (var (unit, f) in Units)
        {
            if (!trimmed.EndsWith(unit, StringComparison.OrdinalIgnoreCase)) continue;
            trimmed = trimmed[..^unit.Length].TrimEnd();
            factor = f;
            break;
        }
        if (!decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            throw new SemanticException($"{what}: '{text}' is not a size (expected a positive number with B, kB, MB, GB or TB, e.g. '1GB')");
        }
        var bytes = number * factor;
        if (bytes > long.MaxValue) throw new SemanticException($"{what}: '{text}' is too large");
        return Math.Max(1, (long)bytes);
    }

    /// <summary>A short rendering with one decimal where it matters: "64MB", "63.9MB", "512B".</summary>
    public static string Format(long bytes)
    {
        foreach (var (unit, factor) in Units)
        {
            if (factor == 1 || Math.Abs(bytes) < factor) continue;
            var value = Math.Round((double)bytes / factor, 1);
            return value.ToString("0.#", CultureInfo.InvariantCulture) + unit;
        }
        return bytes.ToString(CultureInfo.InvariantCulture) + "B";
    }
}
