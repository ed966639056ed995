using System.Text.RegularExpressions;

namespace QueryEngine.Metastore.Hms;

/// <summary>
/// Name patterns of <c>get_databases</c>, <c>get_tables</c> and <c>get_tables_by_type</c> as Hive's metastore reads
/// them: alternatives separated by <c>|</c>, each a regular expression in which <c>*</c> stands for any text
/// (<c>sales_*</c>, <c>.*</c>, <c>a*|b*</c>), matched case-insensitively against the whole name. A null or
/// empty pattern matches every name.
/// </summary>
internal sealed class HmsNamePattern
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private readonly Regex[] _alternatives;

    public HmsNamePattern(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern) || pattern == "*")
        {
            _alternatives = [];
            return;
        }
        var parts = pattern.Split('|');
        _alternatives = new Regex[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            try
            {
                _alternatives[i] = new Regex(
                    "^(?:" + parts[i].Replace("*", ".*", StringComparison.Ordinal) + ")$",
                    RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
                    Timeout);
            }
            catch (ArgumentException ex)
            {
                throw new HmsException(HmsErrorKind.MetaException, $"Invalid name pattern '{pattern}': {ex.Message}");
            }
        }
    }

    public bool Matches(string name)
    {
        if (_alternatives.Length == 0) return true;
        try
        {
            foreach (var regex in _alternatives)
            {
                if (regex.IsMatch(name)) return true;
            }
            return false;
        }
        catch (RegexMatchTimeoutException)
        {
            throw new HmsException(HmsErrorKind.MetaException, "Name pattern too expensive to match");
        }
    }
}
