using System.Text;
using System.Text.Json;
using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Formats.Json;

/// <summary>Matches a JSON property name (the reader on a PropertyName token) to a field by name.</summary>
internal static class JsonNames
{
    /// <summary>Index of the field named like the property (ASCII case ignored when asked), or -1.</summary>
    public static int Find(ref Utf8JsonReader reader, IReadOnlyList<Field> fields, bool caseInsensitive)
    {
        var name = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
        for (var i = 0; i < fields.Count; i++)
        {
            if (Matches(name, fields[i].Name, caseInsensitive)) return i;
        }
        return -1;
    }

    /// <summary>Compares UTF-8 bytes with a name; ASCII letters compare without case when asked.</summary>
    public static bool Matches(ReadOnlySpan<byte> utf8, string name, bool caseInsensitive)
    {
        if (utf8.Length != name.Length)
        {
            // Non-ASCII names: compare as strings.
            return !Ascii(utf8) && string.Equals(Encoding.UTF8.GetString(utf8), name, caseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        }
        for (var i = 0; i < utf8.Length; i++)
        {
            var b = utf8[i];
            var c = name[i];
            if (b == c) continue;
            if (b >= 0x80 || c >= 0x80) return string.Equals(Encoding.UTF8.GetString(utf8), name, caseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
            if (!caseInsensitive || (b | 0x20) != (c | 0x20) || (uint)((b | 0x20) - 'a') > 'z' - 'a') return false;
        }
        return true;
    }

    private static bool Ascii(ReadOnlySpan<byte> utf8) => System.Text.Ascii.IsValid(utf8);
}
