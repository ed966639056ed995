using System.Text;

namespace QueryEngine.Engine.Tests.SqlLogic;

/// <summary>
/// Completion mode (<c>SLT_COMPLETE=1</c>): rewrites a script with the actual type letters and result lines
/// of every query that ran, keeping everything else (comments, statements, blank lines) as written.
/// For developers only; CI never sets it.
/// </summary>
public static class SltCompleter
{
    public const string EnvironmentVariable = "SLT_COMPLETE";

    public static bool Enabled => Environment.GetEnvironmentVariable(EnvironmentVariable) is "1" or "true";

    public static string Complete(SltScript script, IReadOnlyDictionary<int, SltQueryOutput> outputs)
    {
        var queries = new Dictionary<int, SltQuery>();
        foreach (var record in script.Records)
        {
            if (record is SltQuery { ExpectError: false } query && outputs.ContainsKey(query.Line)) queries[query.Line] = query;
        }

        var sb = new StringBuilder();
        var lines = script.Lines;
        var i = 0;
        while (i < lines.Count)
        {
            if (!queries.TryGetValue(i + 1, out var query))
            {
                sb.Append(lines[i]).Append('\n');
                i++;
                continue;
            }
            var output = outputs[query.Line];
            sb.Append("query ").Append(output.Types);
            if (query.Sort != SltSortMode.NoSort || query.Label is not null) sb.Append(' ').Append(SortWord(query.Sort));
            if (query.Label is not null) sb.Append(' ').Append(query.Label);
            sb.Append('\n').Append(query.Sql).Append('\n').Append(SltParser.Separator).Append('\n');
            foreach (var line in output.Lines) sb.Append(line).Append('\n');
            i = query.EndLine;
        }
        return sb.ToString();
    }

    private static string SortWord(SltSortMode sort) => sort switch
    {
        SltSortMode.RowSort => "rowsort",
        SltSortMode.ValueSort => "valuesort",
        _ => "nosort",
    };
}
