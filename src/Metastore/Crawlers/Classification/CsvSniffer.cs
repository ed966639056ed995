using System.Text.RegularExpressions;
using QueryEngine.Engine.Columnar;

namespace QueryEngine.Metastore.Crawlers.Classification;

/// <summary>
/// Glue's built-in CSV classifier: tries the delimiters comma, pipe, tab, semicolon and Ctrl-A and takes the one that
/// splits every sampled record into the same number (at least two) of fields, over at least two records (the most
/// fields when several do, the earlier in that order on a tie); then decides whether the first record is a header (every cell a string, shorter than 150 characters and
/// a valid column name, while some data column is not all strings) and types each column from its values.
/// </summary>
internal static partial class CsvSniffer
{
    private static readonly char[] Delimiters = [',', '|', '\t', ';', '\u0001'];
    private const int MaxRecords = 1000;

    /// <summary>The dialect and column types of a sample, or null when it does not look like delimited text.</summary>
    public static (CsvDialect Dialect, IReadOnlyList<Field> Columns)? Sniff(string text, bool complete, CsvClassifierOptions options)
    {
        var quote = options.Quote;
        var quoted = text.Contains(quote, StringComparison.Ordinal);
        (char Delimiter, List<string[]> Records, int Width, bool Trailing)? best = null;
        foreach (var delimiter in options.Delimiter is { } fixedDelimiter ? [fixedDelimiter] : Delimiters)
        {
            var records = CsvRecords.Split(text, delimiter, quoted, complete, MaxRecords, quote);
            records.RemoveAll(r => r.Length == 1 && r[0].Length == 0);
            if (records.Count < (options.Delimiter is null ? 2 : 1)) continue;
            var width = records[0].Length;
            if (width < 2 || records.Any(r => r.Length != width)) continue;
            var trailing = records.All(r => r[^1].Length == 0);
            if (trailing) width--;
            if (width < 1 || (width < 2 && options.Delimiter is null)) continue;
            // Several delimiters may split consistently (a comma inside every pipe-delimited line): the most columns win.
            if (best is null || width > best.Value.Width) best = (delimiter, records, width, trailing);
        }
        if (best is not { } chosen) return null;
        return Describe(chosen.Records, chosen.Width, chosen.Delimiter, quoted && AnyQuotedField(text, chosen.Delimiter, quote), chosen.Trailing, options.Header, quote);
    }

    private static (CsvDialect, IReadOnlyList<Field>) Describe(List<string[]> records, int width, char delimiter, bool quoted, bool trailing, CsvHeader header, char quote)
    {
        var types = new DataType[width];
        for (var c = 0; c < width; c++) types[c] = ColumnType(records, 1, c);
        var hasHeader = header switch
        {
            CsvHeader.Present => true,
            CsvHeader.Absent => false,
            _ => LooksLikeHeader(records[0], width) && types.Any(t => t.Id != TypeId.Utf8),
        };
        if (!hasHeader)
        {
            for (var c = 0; c < width; c++) types[c] = ColumnType(records, 0, c);
        }
        var names = new string[width];
        for (var c = 0; c < width; c++) names[c] = hasHeader ? ColumnName(records[0][c], c) : $"col{c + 1}";
        Deduplicate(names);
        var fields = new Field[width];
        for (var c = 0; c < width; c++) fields[c] = new Field(names[c], types[c]);
        return (new CsvDialect(delimiter, quoted, hasHeader, names, trailing, quote), fields);
    }

    /// <summary>bigint, double, boolean, date or timestamp when every non-empty value parses as one; else string.</summary>
    private static DataType ColumnType(List<string[]> records, int first, int column)
    {
        bool allLong = true, allDouble = true, allBool = true, allDate = true, allTimestamp = true, any = false;
        for (var r = first; r < records.Count; r++)
        {
            var value = records[r][column].Trim();
            if (value.Length == 0) continue;
            any = true;
            allLong &= ValueTypes.IsBigint(value);
            allDouble &= ValueTypes.IsDouble(value);
            allBool &= ValueTypes.IsBoolean(value);
            allDate &= ValueTypes.IsDate(value);
            allTimestamp &= ValueTypes.IsTimestamp(value);
        }
        if (!any) return DataType.Utf8;
        if (allLong) return DataType.Int64;
        if (allDouble) return DataType.Float64;
        if (allBool) return DataType.Boolean;
        if (allDate) return DataType.Date32;
        if (allTimestamp) return DataType.Timestamp;
        return DataType.Utf8;
    }

    private static bool LooksLikeHeader(string[] first, int width)
    {
        for (var c = 0; c < width; c++)
        {
            var cell = first[c].Trim();
            if (cell.Length == 0 && c == width - 1) continue;
            if (cell.Length == 0 || cell.Length >= 150 || !ColumnNamePattern().IsMatch(cell)) return false;
            if (ValueTypes.IsDouble(cell) || ValueTypes.IsBoolean(cell) || ValueTypes.IsDate(cell) || ValueTypes.IsTimestamp(cell)) return false;
        }
        return true;
    }

    /// <summary>A header cell as a Hive column name: lower case, runs of other characters as '_'.</summary>
    public static string ColumnName(string cell, int index)
    {
        var name = NonNameCharacters().Replace(cell.Trim().ToLowerInvariant(), "_").Trim('_');
        return name.Length == 0 ? $"col{index + 1}" : name;
    }

    private static void Deduplicate(string[] names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            for (var n = 2; !seen.Add(name); n++) name = $"{names[i]}_{n}";
            names[i] = name;
        }
    }

    private static bool AnyQuotedField(string text, char delimiter, char quote) =>
        text.StartsWith(quote) || text.Contains($"{delimiter}{quote}", StringComparison.Ordinal) || text.Contains($"\n{quote}", StringComparison.Ordinal);

    [GeneratedRegex(@"^[\p{L}_][\p{L}\p{N}_ .\-]*$")]
    private static partial Regex ColumnNamePattern();

    [GeneratedRegex(@"[^a-z0-9_]+")]
    private static partial Regex NonNameCharacters();
}
