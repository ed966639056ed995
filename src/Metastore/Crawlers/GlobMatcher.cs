using System.Text;
using System.Text.RegularExpressions;
using QueryEngine.Engine.Common;

namespace QueryEngine.Metastore.Crawlers;

/// <summary>
/// Glue's exclude patterns, matched against paths relative to the crawl target: <c>*</c> within one folder level,
/// <c>**</c> across levels, <c>?</c> one character, <c>[a-z]</c> / <c>[!a-z]</c> classes, <c>{a,b}</c> alternatives
/// (not nested) and <c>\</c> escapes.
/// </summary>
internal sealed class GlobMatcher
{
    private readonly Regex[] _patterns;

    public GlobMatcher(IEnumerable<string> globs)
    {
        _patterns = globs.Select(g => new Regex(ToRegex(g), RegexOptions.CultureInvariant | RegexOptions.Singleline)).ToArray();
    }

    public bool Excludes(string relativePath)
    {
        foreach (var pattern in _patterns)
        {
            if (pattern.IsMatch(relativePath)) return true;
        }
        return false;
    }

    private static string ToRegex(string glob)
    {
        var sb = new StringBuilder("^");
        var inGroup = false;
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*' when i + 1 < glob.Length && glob[i + 1] == '*':
                    sb.Append(".*");
                    i++;
                    if (i + 1 < glob.Length && glob[i + 1] == '/')
                    {
                        // "**/" also matches no folder at all.
                        sb.Length -= 2;
                        sb.Append("(?:.*/)?");
                        i++;
                    }
                    break;
                case '*':
                    sb.Append("[^/]*");
                    break;
                case '?':
                    sb.Append("[^/]");
                    break;
                case '[':
                    var end = glob.IndexOf(']', i + 1);
                    if (end < 0) throw new SemanticException($"exclude pattern '{glob}': '[' without ']'");
                    var body = glob[(i + 1)..end];
                    sb.Append('[').Append(body.StartsWith('!') ? "^" + Regex.Escape(body[1..]).Replace("\\-", "-", StringComparison.Ordinal) : Regex.Escape(body).Replace("\\-", "-", StringComparison.Ordinal)).Append(']');
                    i = end;
                    break;
                case '{' when !inGroup:
                    sb.Append("(?:");
                    inGroup = true;
                    break;
                case '}' when inGroup:
                    sb.Append(')');
                    inGroup = false;
                    break;
                case ',' when inGroup:
                    sb.Append('|');
                    break;
                case '\\' when i + 1 < glob.Length:
                    sb.Append(Regex.Escape(glob[++i].ToString()));
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        if (inGroup) throw new SemanticException($"exclude pattern '{glob}': '{{' without '}}'");
        return sb.Append('$').ToString();
    }
}
