namespace QueryEngine.FlightServer.FlightSql;

/// <summary>Flight SQL filter patterns: '%' matches any run of characters, '_' any one; case-insensitive.</summary>
internal static class LikePattern
{
    public static bool Matches(string? pattern, string value) => pattern is null || Match(pattern.AsSpan(), value.AsSpan());

    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> value)
    {
        while (pattern.Length > 0)
        {
            var p = pattern[0];
            if (p == '%')
            {
                pattern = pattern[1..];
                if (pattern.Length == 0) return true;
                for (var i = 0; i <= value.Length; i++)
                {
                    if (Match(pattern, value[i..])) return true;
                }
                return false;
            }
            if (value.Length == 0) return false;
            if (p != '_' && char.ToLowerInvariant(p) != char.ToLowerInvariant(value[0])) return false;
            pattern = pattern[1..];
            value = value[1..];
        }
        return value.Length == 0;
    }
}
