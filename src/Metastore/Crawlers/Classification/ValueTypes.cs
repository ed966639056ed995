using System.Globalization;
using System.Text.RegularExpressions;

namespace QueryEngine.Metastore.Crawlers.Classification;

/// <summary>Which type a sampled text value could be read as (the crawler's typing rules).</summary>
internal static partial class ValueTypes
{
    public static bool IsBigint(string value) => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    public static bool IsDouble(string value) =>
        DoublePattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    public static bool IsBoolean(string value) =>
        string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);

    public static bool IsDate(string value) =>
        DatePattern().IsMatch(value) && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    public static bool IsTimestamp(string value)
    {
        var match = TimestampPattern().Match(value);
        return match.Success && DateOnly.TryParseExact(match.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
    }

    [GeneratedRegex(@"^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)$")]
    private static partial Regex DoublePattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2})[ T]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?$")]
    private static partial Regex TimestampPattern();
}
