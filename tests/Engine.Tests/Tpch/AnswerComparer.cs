using System.Globalization;

namespace QueryEngine.Engine.Tests.Tpch;

/// <summary>
/// Compares a result with a reference answer file by the rules of shared/tpch/README.md: same shape, rows in
/// order, exact columns equal as text, numeric columns within 0.01 (and 1% relative below 1).
/// </summary>
public static class AnswerComparer
{
    /// <summary>Returns null when equal, else a description of the first difference.</summary>
    public static string? Compare(IReadOnlyList<string[]> actual, string answerFile, IReadOnlyList<bool> numericColumns)
    {
        var lines = File.ReadAllLines(answerFile);
        var expected = lines.Skip(1).Where(l => l.Length > 0 || lines.Length == 2).Select(l => l.Split('|')).ToList();
        if (expected.Count != actual.Count) return $"expected {expected.Count} rows, got {actual.Count}";
        for (var r = 0; r < expected.Count; r++)
        {
            if (expected[r].Length != actual[r].Length) return $"row {r + 1}: expected {expected[r].Length} columns, got {actual[r].Length}";
            for (var c = 0; c < expected[r].Length; c++)
            {
                var e = expected[r][c];
                var a = actual[r][c];
                if (e == "NULL" || a == "NULL")
                {
                    if (e != a) return $"row {r + 1} column {c + 1}: expected {e}, got {a}";
                    continue;
                }
                if (numericColumns[c])
                {
                    var ev = decimal.Parse(e, CultureInfo.InvariantCulture);
                    if (!decimal.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var av))
                    {
                        return $"row {r + 1} column {c + 1}: expected {e}, got non-numeric {a}";
                    }
                    var diff = Math.Abs(av - ev);
                    var ok = diff <= 0.01m && (Math.Abs(ev) >= 1 || diff <= Math.Max(0.01m * Math.Abs(ev), 0.005m));
                    if (!ok) return $"row {r + 1} column {c + 1}: expected {e}, got {a}";
                }
                else if (e != a)
                {
                    return $"row {r + 1} column {c + 1}: expected '{e}', got '{a}'";
                }
            }
        }
        return null;
    }

    /// <summary>Per query, which columns are numeric (from answers/columns.csv).</summary>
    public static IReadOnlyList<bool> NumericColumns(string tpchRoot, string query)
    {
        var result = new List<bool>();
        foreach (var line in File.ReadLines(Path.Combine(tpchRoot, "answers", "columns.csv")).Skip(1))
        {
            var parts = line.Split('|');
            if (parts[0] == query) result.Add(parts[4] == "numeric");
        }
        return result;
    }
}
