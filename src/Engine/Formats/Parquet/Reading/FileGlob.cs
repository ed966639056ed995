using System.Text;
using System.Text.RegularExpressions;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// Lists the files a path or glob names: without wildcards, a file or a folder read recursively (hidden names
/// skipped); with them, the files under the folder before the first wildcard whose remaining path matches
/// (<c>*</c> and <c>?</c> within one segment, <c>**</c> across segments, <c>[abc]</c> sets). Sorted by path.
/// </summary>
internal static class FileGlob
{
    public static IReadOnlyList<DataFile> List(IObjectStore store, string pattern)
    {
        var wildcard = pattern.IndexOfAny(['*', '?', '[']);
        if (wildcard < 0) return TableFiles.List(store, pattern, []);
        var slash = pattern.LastIndexOf('/', wildcard);
        var folder = slash < 0 ? "." : pattern[..(slash + 1)];
        var rest = pattern[(slash + 1)..];
        var regex = new Regex("^" + Translate(rest) + "$", RegexOptions.CultureInvariant);
        var result = new List<DataFile>();
        foreach (var obj in store.List(folder, recursive: true))
        {
            if (TableFiles.IsHidden(obj.RelativePath)) continue;
            if (regex.IsMatch(obj.RelativePath)) result.Add(new DataFile(obj, []));
        }
        return result;
    }

    private static string Translate(string glob)
    {
        var sb = new StringBuilder();
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
                    {
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
                    }
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        return sb.ToString();
    }
}
