using System.Text;
using System.Text.RegularExpressions;

namespace QueryEngine.Engine.Storage;

/// <summary>
/// Glob patterns over '/'-separated paths, as Glue include/exclude patterns and <c>read_parquet</c> paths spell them:
/// <c>*</c> within one folder level, <c>**</c> across levels (<c>**/</c> also matches no folder), <c>?</c> one
/// character, <c>[abc]</c>, <c>[a-z]</c> and <c>[!abc]</c> sets, <c>{a,b}</c> alternatives (not nested) and <c>\</c>
/// escapes. A '[' or '{' that is never closed is an ordinary character.
/// </summary>
public static class GlobPattern
{
    /// <summary>Whether <paramref name="glob"/> has any wildcard (else it names one path).</summary>
    public static bool HasWildcard(string glob) => glob.AsSpan().IndexOfAny("*?[{") >= 0;

    /// <summary>A regular expression matching whole paths against <paramref name="glob"/>.</summary>
    public static Regex Compile(string glob)
    {
        ArgumentNullException.ThrowIfNull(glob);
        return new Regex("^" + Translate(glob) + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    private static string Translate(string glob)
    {
        var sb = new StringBuilder();
        var inGroup = false;
        var groupClosed = glob.Contains('}', StringComparison.Ordinal);
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*' when i + 1 < glob.Length && glob[i + 1] == '*':
                    i++;
                    if (i + 1 < glob.Length && glob[i + 1] == '/')
                    {
                        sb.Append("(?:.*/)?");
                        i++;
                    }
                    else
                    {
                        sb.Append(".*");
                    }
                    break;
                case '*':
                    sb.Append("[^/]*");
                    break;
                case '?':
                    sb.Append("[^/]");
                    break;
                case '[':
                    var close = glob.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        sb.Append(@"\[");
                        break;
                    }
                    var set = glob[(i + 1)..close];
                    sb.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = close;
                    break;
                case '{' when !inGroup && groupClosed:
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
        if (inGroup) sb.Append(')');
        return sb.ToString();
    }
}
