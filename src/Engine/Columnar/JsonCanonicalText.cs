using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace QueryEngine.Engine.Columnar;

/// <summary>
/// The canonical text of a JSON value, as Trino's JSON type holds it: compact, object members sorted by key (UTF-16
/// code unit order; of duplicate keys the last wins), integers as written, other numbers as Java prints a double
/// (<c>2.5</c>, <c>100.0</c>, <c>1.0E-4</c>), strings with only <c>"</c>, <c>\</c> and control characters escaped.
/// </summary>
public static class JsonCanonicalText
{
    private static readonly JsonDocumentOptions Strict = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 512 };

    /// <summary>Parses one JSON value (surrounding whitespace allowed); null when the text is not exactly one JSON value.</summary>
    public static JsonDocument? TryParse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonDocument.Parse(utf8.ToArray(), Strict);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The canonical text of JSON text, or null when it is not one JSON value.</summary>
    public static string? TryCanonicalize(ReadOnlySpan<byte> utf8)
    {
        using var document = TryParse(utf8);
        if (document is null) return null;
        var sb = new StringBuilder(utf8.Length);
        Write(document.RootElement, sb);
        return sb.ToString();
    }

    /// <summary>The canonical text of one parsed element.</summary>
    public static string ToText(JsonElement element)
    {
        var sb = new StringBuilder();
        Write(element, sb);
        return sb.ToString();
    }

    /// <summary>Writes the element compactly; with <paramref name="sortKeys"/> false, object members keep their order (and duplicates).</summary>
    public static void Write(JsonElement element, StringBuilder sb, bool sortKeys = true)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when !sortKeys:
                {
                    sb.Append('{');
                    var first = true;
                    foreach (var property in element.EnumerateObject())
                    {
                        if (!first) sb.Append(',');
                        first = false;
                        WriteString(property.Name, sb);
                        sb.Append(':');
                        Write(property.Value, sb, sortKeys);
                    }
                    sb.Append('}');
                    return;
                }
            case JsonValueKind.Object:
                {
                    var members = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
                    foreach (var property in element.EnumerateObject()) members[property.Name] = property.Value;
                    sb.Append('{');
                    var first = true;
                    foreach (var (name, value) in members)
                    {
                        if (!first) sb.Append(',');
                        first = false;
                        WriteString(name, sb);
                        sb.Append(':');
                        Write(value, sb);
                    }
                    sb.Append('}');
                    return;
                }
            case JsonValueKind.Array:
                {
                    sb.Append('[');
                    var first = true;
                    foreach (var item in element.EnumerateArray())
                    {
                        if (!first) sb.Append(',');
                        first = false;
                        Write(item, sb, sortKeys);
                    }
                    sb.Append(']');
                    return;
                }
            case JsonValueKind.String:
                WriteString(element.GetString()!, sb);
                return;
            case JsonValueKind.Number:
                WriteNumber(element.GetRawText(), sb);
                return;
            case JsonValueKind.True:
                sb.Append("true");
                return;
            case JsonValueKind.False:
                sb.Append("false");
                return;
            default:
                sb.Append("null");
                return;
        }
    }

    /// <summary>Whether raw JSON number text is an integer (no fraction, no exponent).</summary>
    public static bool IsIntegerText(string raw) => raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0;

    private static void WriteNumber(string raw, StringBuilder sb)
    {
        if (IsIntegerText(raw))
        {
            sb.Append(BigInteger.Parse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
            return;
        }
        sb.Append(FormatDouble(double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture)));
    }

    /// <summary>A JSON string literal: quotes, backslashes and control characters escaped, everything else as is.</summary>
    public static void WriteString(string value, StringBuilder sb)
    {
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case < ' ': sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)); break;
                default: sb.Append(c); break;
            }
        }
        sb.Append('"');
    }

    /// <summary>
    /// A double as Java's <c>Double.toString</c> prints it (Trino writes JSON doubles so): the shortest digits that
    /// round-trip, plain between 10^-3 and 10^7 (<c>1500.0</c>), otherwise <c>d.dddE±n</c> (<c>1.0E7</c>, <c>1.5E-4</c>).
    /// </summary>
    public static string FormatDouble(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "Infinity" : "-Infinity";
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";
        return JavaLayout(Math.Abs(value).ToString("R", CultureInfo.InvariantCulture), Math.Abs(value), value < 0);
    }

    /// <summary>A real as Java's <c>Float.toString</c> prints it: the shortest digits that round-trip the float, laid out as <see cref="FormatDouble"/>.</summary>
    public static string FormatReal(float value)
    {
        if (float.IsNaN(value)) return "NaN";
        if (float.IsInfinity(value)) return value > 0 ? "Infinity" : "-Infinity";
        if (value == 0) return float.IsNegative(value) ? "-0.0" : "0.0";
        return JavaLayout(Math.Abs(value).ToString("R", CultureInfo.InvariantCulture), Math.Abs(value), value < 0);
    }

    private static string JavaLayout(string shortest, double magnitude, bool negative)
    {
        var (digits, pointAt) = Digits(shortest);
        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        if (magnitude >= 1e-3 && magnitude < 1e7)
        {
            if (pointAt <= 0)
            {
                sb.Append("0.").Append('0', -pointAt).Append(digits);
            }
            else if (pointAt >= digits.Length)
            {
                sb.Append(digits).Append('0', pointAt - digits.Length).Append(".0");
            }
            else
            {
                sb.Append(digits, 0, pointAt).Append('.').Append(digits, pointAt, digits.Length - pointAt);
            }
            return sb.ToString();
        }
        sb.Append(digits[0]).Append('.');
        sb.Append(digits.Length > 1 ? digits[1..] : "0");
        sb.Append('E').Append((pointAt - 1).ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>The significant digits of a positive number's text (no leading/trailing zeros) and where its decimal point falls.</summary>
    private static (string Digits, int PointAt) Digits(string text)
    {
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var integerPart = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? string.Empty : text[(dot + 1)..];
        var all = integerPart + fraction;
        var pointAt = integerPart.Length + exponent;
        var leading = 0;
        while (leading < all.Length - 1 && all[leading] == '0') leading++;
        all = all[leading..];
        pointAt -= leading;
        all = all.TrimEnd('0');
        if (all.Length == 0) all = "0";
        return (all, pointAt);
    }
}
