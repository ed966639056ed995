using System.Globalization;
using System.Text;

namespace QueryEngine.Engine.Catalog;

/// <summary>
/// Hive partition names: <c>k1=v1/k2=v2</c>, keys and values path-escaped the way Hive escapes them
/// (<c>%XX</c>, upper-case hex, for control characters and <c>"#%'*/:=?\{[]^</c> and DEL).
/// </summary>
public static class PartitionNames
{
    /// <summary>The value Hive stores (and writes as a folder) for a NULL or empty partition key value.</summary>
    public const string DefaultPartitionName = "__HIVE_DEFAULT_PARTITION__";

    /// <summary>The partition name of <paramref name="values"/> under <paramref name="keys"/> (same count).</summary>
    public static string Of(IReadOnlyList<ColumnInfo> keys, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(values);
        var sb = new StringBuilder();
        for (var i = 0; i < keys.Count; i++)
        {
            if (i > 0) sb.Append('/');
            sb.Append(Escape(keys[i].Name)).Append('=').Append(Escape(values[i]));
        }
        return sb.ToString();
    }

    /// <summary>Escapes a key or value for use in a partition name or folder.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) return DefaultPartitionName;
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (NeedsEscape(c))
            {
                sb ??= new StringBuilder(text, 0, i, text.Length + 8);
                sb.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                sb?.Append(c);
            }
        }
        return sb?.ToString() ?? text;
    }

    /// <summary>Undoes <see cref="Escape"/> (<c>%XX</c> sequences; UTF-8 for consecutive escapes).</summary>
    public static string Unescape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains('%', StringComparison.Ordinal)) return text;
        var sb = new StringBuilder(text.Length);
        var bytes = new List<byte>();
        var i = 0;
        while (i < text.Length)
        {
            if (IsEscape(text, i))
            {
                bytes.Clear();
                while (IsEscape(text, i))
                {
                    bytes.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 3;
                }
                sb.Append(Encoding.UTF8.GetString([.. bytes]));
                continue;
            }
            sb.Append(text[i++]);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Splits a partition name into its unescaped (key, value) pairs; false when a segment is not <c>key=value</c>.
    /// </summary>
    public static bool TryParse(string name, out IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(name);
        var result = new List<KeyValuePair<string, string>>();
        pairs = result;
        foreach (var segment in name.Split('/'))
        {
            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) return false;
            result.Add(new(Unescape(segment[..eq]), Unescape(segment[(eq + 1)..])));
        }
        return result.Count > 0;
    }

    private static bool IsEscape(string text, int i) =>
        i + 2 < text.Length && text[i] == '%' && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]);

    private static bool NeedsEscape(char c) =>
        c < 0x20 || c == 0x7F || c is '"' or '#' or '%' or '\'' or '*' or '/' or ':' or '=' or '?' or '\\' or '{' or '[' or ']' or '^';
}
