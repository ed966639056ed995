using System.Globalization;
using System.Text;

namespace QueryEngine.Engine.Sql;

/// <summary>
/// Hive string-literal escapes. The parser keeps string literals exactly as Trino reads them (only <c>''</c> is
/// an escape), so Hive DDL values such as <c>FIELDS TERMINATED BY '\t'</c> or <c>'\001'</c> arrive as written.
/// Hive, and therefore Athena DDL and the Glue/Hive metastore, interprets backslash escapes in these values;
/// apply <see cref="Unescape"/> to ROW FORMAT delimiters and SERDEPROPERTIES values to get the stored characters.
/// </summary>
public static class HiveStrings
{
    /// <summary>
    /// Hive's unescaping of string-literal content: <c>\uXXXX</c>, three-digit octal <c>\[0-1][0-7][0-7]</c>,
    /// <c>\0 \' \" \b \n \r \t \Z \\</c>; <c>\%</c> and <c>\_</c> keep their backslash; any other escaped character
    /// stands for itself; a trailing lone backslash is kept.
    /// </summary>
    public static string Unescape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains('\\', StringComparison.Ordinal)) return value;
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c != '\\' || i + 1 >= value.Length)
            {
                sb.Append(c);
                continue;
            }

            var next = value[i + 1];
            if (next == 'u' && i + 5 < value.Length &&
                int.TryParse(value.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                sb.Append((char)code);
                i += 5;
                continue;
            }

            if (i + 3 < value.Length && next is >= '0' and <= '1' && value[i + 2] is >= '0' and <= '7' && value[i + 3] is >= '0' and <= '7')
            {
                sb.Append((char)(((next - '0') * 64) + ((value[i + 2] - '0') * 8) + (value[i + 3] - '0')));
                i += 3;
                continue;
            }

            switch (next)
            {
                case '0': sb.Append('\0'); break;
                case 'b': sb.Append('\b'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'Z': sb.Append('\u001A'); break;
                case '%': sb.Append("\\%"); break;
                case '_': sb.Append("\\_"); break;
                default: sb.Append(next); break;
            }

            i++;
        }

        return sb.ToString();
    }
}
