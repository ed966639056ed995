using System.Text;
using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Formats;

/// <summary>Hive partition folder values (<c>key=value</c>): unescaping and conversion to the key's type.</summary>
internal static class PartitionValues
{
    /// <summary>The folder value Hive writes for a NULL partition key.</summary>
    public const string DefaultPartitionName = "__HIVE_DEFAULT_PARTITION__";

    /// <summary>
    /// Converts a folder value (already %-unescaped) to the boxed representation of <paramref name="type"/>;
    /// false when the text is not a valid value. <see cref="DefaultPartitionName"/> is NULL.
    /// </summary>
    public static bool TryConvert(string text, DataType type, out object? value)
    {
        value = null;
        if (text == DefaultPartitionName) return true;
        var bytes = Encoding.UTF8.GetBytes(text);
        switch (type)
        {
            case DecimalType d:
                if (!TextValueParser.TryParseDecimal(bytes, d.Precision, d.Scale, out var dec)) return false;
                value = dec;
                return true;
        }
        switch (type.Id)
        {
            case TypeId.Utf8:
                value = text;
                return true;
            case TypeId.Binary:
                value = bytes;
                return true;
            case TypeId.Boolean:
                if (!TextValueParser.TryParseBoolean(bytes, out var b)) return false;
                value = b;
                return true;
            case TypeId.Int8:
                if (!TextValueParser.TryParseInt8(bytes, out var i8)) return false;
                value = i8;
                return true;
            case TypeId.Int16:
                if (!TextValueParser.TryParseInt16(bytes, out var i16)) return false;
                value = i16;
                return true;
            case TypeId.Int32:
                if (!TextValueParser.TryParseInt32(bytes, out var i32)) return false;
                value = i32;
                return true;
            case TypeId.Int64:
                if (!TextValueParser.TryParseInt64(bytes, out var i64)) return false;
                value = i64;
                return true;
            case TypeId.Float32:
                if (!TextValueParser.TryParseSingle(bytes, out var f32)) return false;
                value = f32;
                return true;
            case TypeId.Float64:
                if (!TextValueParser.TryParseDouble(bytes, out var f64)) return false;
                value = f64;
                return true;
            case TypeId.Date32:
                if (!TextValueParser.TryParseDate(bytes, out var days)) return false;
                value = days;
                return true;
            case TypeId.Timestamp:
                if (!TextValueParser.TryParseTimestamp(bytes, out var micros)) return false;
                value = micros;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Undoes Hive's escaping of partition folder names (<c>%XX</c> for special characters).</summary>
    public static string Unescape(string text)
    {
        if (!text.Contains('%', StringComparison.Ordinal)) return text;
        var sb = new StringBuilder(text.Length);
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                bytes.Clear();
                while (i + 2 < text.Length && text[i] == '%' && IsHex(text[i + 1]) && IsHex(text[i + 2]))
                {
                    bytes.Add((byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2])));
                    i += 3;
                }
                sb.Append(Encoding.UTF8.GetString([.. bytes]));
                i--;
                continue;
            }
            sb.Append(text[i]);
        }
        return sb.ToString();
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
