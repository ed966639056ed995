using QueryEngine.Tpch.Bench;

namespace QueryEngine.Engine.Tests.Tpch;

/// <summary>
/// Compares a result with a reference answer file through the tpch runner's <see cref="AnswerCheck"/>, with the
/// numeric columns named by shared/tpch/answers/columns.csv.
/// </summary>
public static class AnswerComparer
{
    /// <summary>Returns null when equal, else a description of the first difference (the product's own check).</summary>
    public static string? Compare(IReadOnlyList<string[]> actual, string answerFile, IReadOnlyList<bool> numericColumns) =>
        AnswerCheck.Compare(actual, answerFile, numericColumns);

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
