using System.Globalization;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Formats.Csv;

/// <summary>
/// Reading options of Hive text tables from their SerDe and table properties:
/// <list type="bullet">
/// <item>LazySimpleSerDe: <c>field.delim</c> (else <c>serialization.format</c>, else Ctrl-A), <c>escape.delim</c>,
/// <c>collection.delim</c> (Ctrl-B), <c>mapkey.delim</c> (Ctrl-C),
/// <c>serialization.null.format</c> (default <c>\N</c>), <c>line.delim</c> (only <c>\n</c>); no quoting; malformed values
/// are NULL. Delimiter properties follow Hive: a number is a byte value ("9" is tab, "1" is Ctrl-A), anything else
/// its first character.</item>
/// <item>OpenCSVSerde: <c>separatorChar</c> (','), <c>quoteChar</c> ('"'), <c>escapeChar</c> ('\'); values are
/// converted to the declared column types as Athena does (dates also as days, timestamps also as epoch milliseconds);
/// a value that does not convert fails the query unless the table property <c>use.null.for.invalid.data</c> is true.
/// Newlines inside quotes are data.</item>
/// <item>Table property <c>skip.header.line.count</c> (also accepted as a SerDe property).</item>
/// </list>
/// </summary>
internal static class HiveTextFormat
{
    public const string FieldDelim = "field.delim";
    public const string SerializationFormat = "serialization.format";
    public const string EscapeDelim = "escape.delim";
    public const string NullFormat = "serialization.null.format";
    public const string LineDelim = "line.delim";
    public const string CollectionDelim = "collection.delim";
    public const string CollectionDelimHive = "colelction.delim"; // sic: Hive's own constant is misspelled
    public const string MapKeyDelim = "mapkey.delim";
    public const string Encoding = "serialization.encoding";
    public const string SeparatorChar = "separatorChar";
    public const string QuoteChar = "quoteChar";
    public const string EscapeChar = "escapeChar";
    public const string SkipHeader = "skip.header.line.count";
    public const string SkipFooter = "skip.footer.line.count";
    public const string NullForInvalid = "use.null.for.invalid.data";

    /// <summary>True when the table's SerDe is one of the text SerDes this reader handles.</summary>
    public static bool IsText(StorageInfo storage) =>
        SerdeIs(storage, StorageInfo.Formats.LazySimpleSerde) || SerdeIs(storage, StorageInfo.Formats.OpenCsvSerde)
        || (string.IsNullOrEmpty(storage.SerdeLibrary) && IsTextInput(storage.InputFormat));

    /// <summary>The options for a text table; unsupported settings throw <see cref="NotSupportedQueryException"/>.</summary>
    public static CsvOptions OptionsFor(TableInfo table)
    {
        var storage = table.Storage;
        var name = $"{table.Database}.{table.Name}";
        if (!string.IsNullOrEmpty(storage.InputFormat) && !IsTextInput(storage.InputFormat))
        {
            throw new NotSupportedQueryException($"table {name}: input format {ShortName(storage.InputFormat)} is not readable yet");
        }
        var serde = storage.SerdeParameters;
        var skip = ParseCount(name, SkipHeader, Get(table.Parameters, SkipHeader) ?? Get(serde, SkipHeader));
        var footer = ParseCount(name, SkipFooter, Get(table.Parameters, SkipFooter) ?? Get(serde, SkipFooter));
        if (footer > 0) throw new NotSupportedQueryException($"table {name}: {SkipFooter} is not supported yet");
        if (Get(serde, Encoding) is { } encoding && !IsUtf8(encoding))
        {
            throw new NotSupportedQueryException($"table {name}: text encoding {encoding} is not supported yet (only UTF-8)");
        }

        if (SerdeIs(storage, StorageInfo.Formats.OpenCsvSerde))
        {
            var nullForInvalid = string.Equals(Get(table.Parameters, NullForInvalid) ?? Get(serde, NullForInvalid), "true", StringComparison.OrdinalIgnoreCase);
            return Checked(name, new CsvOptions
            {
                Delimiter = FirstChar(Get(serde, SeparatorChar), ','),
                Quote = FirstChar(Get(serde, QuoteChar), '"'),
                Escape = FirstChar(Get(serde, EscapeChar), '\\'),
                SkipLines = skip,
                NullMarker = null,
                QuotedNewlines = true,
                InvalidValues = nullForInvalid ? InvalidValueHandling.Null : InvalidValueHandling.Error,
                NumericDateTimes = true,
            });
        }

        if (Get(serde, LineDelim) is { } lineDelim && HiveByte(lineDelim, (byte)'\n') != (byte)'\n')
        {
            throw new NotSupportedQueryException($"table {name}: line delimiter '{lineDelim}' is not supported (only \\n)");
        }
        var delimiter = Get(serde, FieldDelim) ?? Get(serde, SerializationFormat);
        var escape = Get(serde, EscapeDelim);
        return Checked(name, new CsvOptions
        {
            Delimiter = (char)HiveByte(delimiter, 1),
            Quote = null,
            Escape = escape is null ? null : (char)HiveByte(escape, (byte)'\\'),
            SkipLines = skip,
            NullMarker = Get(serde, NullFormat) ?? "\\N",
            InvalidValues = InvalidValueHandling.Null,
            CollectionDelimiter = (char)HiveByte(Get(serde, CollectionDelim) ?? Get(serde, CollectionDelimHive), 2),
            MapKeyDelimiter = (char)HiveByte(Get(serde, MapKeyDelim), 3),
        });
    }

    private static CsvOptions Checked(string name, CsvOptions options)
    {
        try
        {
            options.Validate();
        }
        catch (NotSupportedQueryException ex)
        {
            throw new NotSupportedQueryException($"table {name}: {ex.Message}");
        }
        return options;
    }

    /// <summary>
    /// Hive's LazySerDeParameters.getByte: a number is the byte value, anything else its first character. A value that
    /// still holds a Hive string escape (<c>\t</c>, <c>\001</c>, <c>\u0001</c>: DDL text stored without unescaping) is
    /// unescaped first, since its first character alone (a backslash) cannot be what was meant.
    /// </summary>
    public static byte HiveByte(string? text, byte defaultValue)
    {
        if (string.IsNullOrEmpty(text)) return defaultValue;
        if (text.Length >= 2 && text[0] == '\\') text = UnescapeDelimiter(text);
        if (sbyte.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)) return unchecked((byte)number);
        var c = text[0];
        if (c > 0x7F) throw new NotSupportedQueryException($"delimiter '{c}' is not a single-byte (ASCII) character");
        return (byte)c;
    }

    private static string UnescapeDelimiter(string text)
    {
        var next = text[1];
        if (next == 'u' && text.Length >= 6 && int.TryParse(text.AsSpan(2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
        {
            return ((char)code).ToString();
        }
        if (text.Length >= 4 && next is >= '0' and <= '3' && text[2] is >= '0' and <= '7' && text[3] is >= '0' and <= '7')
        {
            return ((char)(((next - '0') * 64) + ((text[2] - '0') * 8) + (text[3] - '0'))).ToString();
        }
        return next switch
        {
            't' => "\t",
            'n' => "\n",
            'r' => "\r",
            '0' => "\0",
            'b' => "\b",
            'Z' => "\u001A",
            _ => next.ToString(),
        };
    }

    private static char FirstChar(string? text, char defaultValue)
    {
        if (string.IsNullOrEmpty(text)) return defaultValue;
        if (text.Length >= 2 && text[0] == '\\') text = UnescapeDelimiter(text);
        return text[0];
    }

    private static int ParseCount(string table, string property, string? text)
    {
        if (text is null) return 0;
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new SemanticException($"table {table}: {property} must be a non-negative integer, got '{text}'");
        }
        return count;
    }

    private static bool IsUtf8(string encoding) => encoding.Replace("-", string.Empty, StringComparison.Ordinal).Equals("utf8", StringComparison.OrdinalIgnoreCase);

    private static bool SerdeIs(StorageInfo storage, string serde) => string.Equals(storage.SerdeLibrary, serde, StringComparison.Ordinal);

    private static bool IsTextInput(string inputFormat) => string.Equals(inputFormat, StorageInfo.Formats.TextInput, StringComparison.Ordinal);

    private static string? Get(IReadOnlyDictionary<string, string> map, string key)
    {
        if (map.TryGetValue(key, out var value)) return value;
        foreach (var (k, v) in map)
        {
            if (string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) return v;
        }
        return null;
    }

    /// <summary>The class name without its package: <c>ParquetHiveSerDe</c>.</summary>
    public static string ShortName(string className)
    {
        var dot = className.LastIndexOf('.');
        return dot < 0 ? className : className[(dot + 1)..];
    }
}
