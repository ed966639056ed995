using System.Globalization;

namespace QueryEngine.Tpch.Bench;

/// <summary>
/// Compares a query result with a reference answer file (<c>answers/sfN/qNN.csv</c>: a header line, then rows of
/// '|'-separated values): same shape, rows in order, text columns equal exactly, numeric columns within 0.01
/// absolute (and 1% relative for values below 1), as the TPC-H specification allows for rounding.
/// </summary>
public static class AnswerCheck
{
    /// <summary>Returns null when the result matches, else a description of the first difference.</summary>
    /// <param name="numericColumns">Per result column, whether it is compared numerically.</param>
    public static string? Compare(IReadOnlyList<string[]> actual, string answerFile, IReadOnlyList<bool> numericColumns)
    {
        var lines = File.ReadAllLines(answerFile);
        var expected = new List<string[]>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length > 0 || lines.Length == 2) expected.Add(lines[i].Split('|'));
        }
        if (expected.Count != actual.Count) return $"expected {expected.Count} rows, got {actual.Count}";
        for (var r = 0; r < expected.Count; r++)
        {
            if (expected[r].Length != actual[r].Length) return $"row {r + 1}: expected {expected[r].Length} columns, got {actual[r].Length}";
            for (var c = 0; c < expected[r].Length; c++)
            {
                var difference = CompareValue(expected[r][c], actual[r][c], c < numericColumns.Count && numericColumns[c]);
                if (difference is not null) return $"row {r + 1} column {c + 1}: {difference}";
            }
        }
        return null;
    }

    private static string? CompareValue(string expected, string actual, bool numeric)
    {
        if (expected == "NULL" || actual == "NULL") return expected == actual ? null : $"expected {expected}, got {actual}";
        if (!numeric) return expected == actual ? null : $"expected '{expected}', got '{actual}'";
        var e = decimal.Parse(expected, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!decimal.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)) return $"expected {expected}, got non-numeric {actual}";
        var diff = Math.Abs(a - e);
        var ok = diff <= 0.01m && (Math.Abs(e) >= 1 || diff <= Math.Max(0.01m * Math.Abs(e), 0.005m));
        return ok ? null : $"expected {expected}, got {actual}";
    }
}
