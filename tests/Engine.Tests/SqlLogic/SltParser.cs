namespace QueryEngine.Engine.Tests.SqlLogic;

/// <summary>
/// Parses QueryEngine's sqllogictest files (the format of DataFusion's and DuckDB's suites, narrowed):
/// <code>
/// # a comment (a line starting with '#' between records)
///
/// statement ok
/// CREATE EXTERNAL TABLE t (...) ... LOCATION '__TEST_DIR__/t'
///
/// statement error does not exist          -- passes when the error text contains "does not exist"
/// SELECT * FROM missing
///
/// query ITR rowsort [label]                -- one type letter per column; sort mode and label optional
/// SELECT a, b, c FROM t
/// ----
/// 1 hello world 2.50
///
/// query error Division by zero
/// SELECT 1 / 0
///
/// halt                                     -- ignore the rest of the file
/// </code>
/// A record ends at a blank line; its SQL may span several lines. Type letters: I integer, R float or
/// decimal, T text (and any other type), B boolean, D date or timestamp; a NULL-typed column matches any.
/// Expected rows: one line per row, each value as <c>ValueFormatter.Format</c> prints it (NULL as
/// <c>NULL</c>, the empty string as <c>(empty)</c>, line breaks inside a value as <c>\n</c>), values joined by
/// one space. Lines are compared whole after trimming them and collapsing runs of whitespace into one space,
/// so a text value may contain spaces. <c>&lt;slt:ignore&gt;</c> in an expected line matches any text there.
/// With <c>valuesort</c> each value is its own line. <c>statement error</c> and <c>query error</c> may
/// instead give the expected error text after a <c>----</c> line. In SQL (and expected text)
/// <c>__SHARED__</c> is the absolute path of <c>shared/tpch</c> and <c>__TEST_DIR__</c> a fresh folder per file.
/// </summary>
public static class SltParser
{
    public const string Separator = "----";

    public static SltScript ParseFile(string path, string name) => Parse(File.ReadAllText(path), name);

    public static SltScript Parse(string text, string name)
    {
        var lines = SplitLines(text);
        var records = new List<SltRecord>();
        var i = 0;
        while (i < lines.Length)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                i++;
                continue;
            }
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var lineNumber = i + 1;
            switch (words[0])
            {
                case "statement":
                    records.Add(ParseStatement(lines, ref i, words, name));
                    break;
                case "query":
                    records.Add(ParseQuery(lines, ref i, words, name));
                    break;
                case "halt":
                    if (words.Length > 1) throw new SltParseException(name, lineNumber, "'halt' takes no arguments");
                    records.Add(new SltHalt(lineNumber));
                    return new SltScript(name, lines, records);
                default:
                    throw new SltParseException(name, lineNumber, $"unknown record '{words[0]}' (expected statement, query or halt)");
            }
        }
        return new SltScript(name, lines, records);
    }

    private static SltStatement ParseStatement(string[] lines, ref int i, string[] words, string name)
    {
        var header = i + 1;
        if (words.Length < 2) throw new SltParseException(name, header, "'statement' needs 'ok' or 'error'");
        bool expectError;
        string? expected;
        switch (words[1])
        {
            case "ok":
                if (words.Length > 2) throw new SltParseException(name, header, "'statement ok' takes no arguments");
                expectError = false;
                expected = null;
                break;
            case "error":
                expectError = true;
                expected = RestAfter(lines[i], "error");
                break;
            default:
                throw new SltParseException(name, header, $"'statement {words[1]}': expected 'ok' or 'error'");
        }
        i++;
        var sql = ReadSql(lines, ref i, name, header);
        if (i < lines.Length && lines[i].Trim() == Separator)
        {
            if (!expectError) throw new SltParseException(name, i + 1, "'statement ok' has no expected output");
            i++;
            expected = JoinNonEmpty(ReadBlock(lines, ref i)) ?? expected;
        }
        return new SltStatement(header, i, sql, expectError, expected);
    }

    private static SltQuery ParseQuery(string[] lines, ref int i, string[] words, string name)
    {
        var header = i + 1;
        if (words.Length < 2) throw new SltParseException(name, header, "'query' needs type letters or 'error'");
        if (words[1] == "error")
        {
            var message = RestAfter(lines[i], "error");
            i++;
            var errorSql = ReadSql(lines, ref i, name, header);
            if (i < lines.Length && lines[i].Trim() == Separator)
            {
                i++;
                message = JoinNonEmpty(ReadBlock(lines, ref i)) ?? message;
            }
            return new SltQuery(header, i, errorSql, string.Empty, SltSortMode.NoSort, null, [], true, message);
        }

        var types = words[1];
        foreach (var letter in types)
        {
            if (!SltTypes.IsLetter(letter)) throw new SltParseException(name, header, $"unknown type letter '{letter}' in '{types}' (use I, R, T, B, D)");
        }
        var sort = SltSortMode.NoSort;
        if (words.Length > 2)
        {
            sort = words[2] switch
            {
                "nosort" => SltSortMode.NoSort,
                "rowsort" => SltSortMode.RowSort,
                "valuesort" => SltSortMode.ValueSort,
                _ => throw new SltParseException(name, header, $"unknown sort mode '{words[2]}' (use nosort, rowsort or valuesort)"),
            };
        }
        if (words.Length > 4) throw new SltParseException(name, header, "too many words: query <types> [sort] [label]");
        var label = words.Length > 3 ? words[3] : null;

        i++;
        var sql = ReadSql(lines, ref i, name, header);
        IReadOnlyList<string> expected = [];
        if (i < lines.Length && lines[i].Trim() == Separator)
        {
            i++;
            expected = ReadBlock(lines, ref i);
        }
        return new SltQuery(header, i, sql, types, sort, label, expected, false, null);
    }

    /// <summary>SQL lines up to a blank line, a <c>----</c> line or the end; at least one.</summary>
    private static string ReadSql(string[] lines, ref int i, string name, int header)
    {
        var start = i;
        while (i < lines.Length && !string.IsNullOrWhiteSpace(lines[i]) && lines[i].Trim() != Separator) i++;
        if (i == start) throw new SltParseException(name, header, "record has no SQL");
        return string.Join('\n', lines, start, i - start);
    }

    /// <summary>Lines up to a blank line or the end.</summary>
    private static List<string> ReadBlock(string[] lines, ref int i)
    {
        var block = new List<string>();
        while (i < lines.Length && !string.IsNullOrWhiteSpace(lines[i])) block.Add(lines[i++]);
        return block;
    }

    private static string? RestAfter(string line, string word)
    {
        var at = line.IndexOf(word, StringComparison.Ordinal) + word.Length;
        var rest = line[at..].Trim();
        return rest.Length == 0 ? null : rest;
    }

    private static string? JoinNonEmpty(List<string> lines) => lines.Count == 0 ? null : string.Join('\n', lines).Trim();

    private static string[] SplitLines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        // A final newline ends the last line rather than starting an empty one.
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }
}
