using System.Text;
using System.Text.RegularExpressions;

namespace QueryEngine.Engine.Session.Statements;

/// <summary>
/// Patterns of SHOW ... LIKE: Trino's LIKE syntax (<c>%</c>, <c>_</c>, optional escape) or, when the pattern
/// uses <c>*</c> or <c>|</c>, Athena's Hive-style wildcards. Matching is case-insensitive.
/// </summary>
internal sealed class NamePattern
{
    private readonly Regex? _regex;

    public NamePattern(string? pattern, string? escape)
    {
        if (pattern is null) return;
        _regex = new Regex("^(?:" + (pattern.Contains('*') || pattern.Contains('|') ? FromHive(pattern) : FromLike(pattern, escape)) + ")$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public bool Matches(string name) => _regex is null || _regex.IsMatch(name);

    private static string FromHive(string pattern)
    {
        var sb = new StringBuilder();
        foreach (var ch in pattern)
        {
            sb.Append(ch switch
            {
                '*' => ".*",
                '|' => "|",
                _ => Regex.Escape(ch.ToString()),
            });
        }
        return sb.ToString();
    }

    private static string FromLike(string pattern, string? escape)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var ch = pattern[i];
            if (escape is { Length: 1 } && ch == escape[0] && i + 1 < pattern.Length)
            {
                sb.Append(Regex.Escape(pattern[++i].ToString()));
                continue;
            }
            sb.Append(ch switch
            {
                '%' => ".*",
                '_' => ".",
                _ => Regex.Escape(ch.ToString()),
            });
        }
        return sb.ToString();
    }
}
