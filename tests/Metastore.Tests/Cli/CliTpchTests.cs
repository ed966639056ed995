using QueryEngine.Cli;
using QueryEngine.Engine.Tests.TestSupport;
using QueryEngine.Engine.Tests.Tpch;
using Xunit;

namespace QueryEngine.Metastore.Tests.Cli;

/// <summary>
/// `qe sql` end to end: tables declared with DDL in a SQLite-backed warehouse over the reference .tbl files,
/// then each TPC-H query run as a file with CSV output, compared with the reference answers.
/// </summary>
public sealed class CliTpchTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void QeSqlAnswersTheFoundationQueriesFromAPersistentCatalog()
    {
        var folder = TpchData.Folder("0.01");
        var ddl = _dir.Combine("ddl.sql");
        File.WriteAllText(ddl, TpchData.CreateTablesSql("tpch", folder));
        var (code, _, error) = Run("sql", "--warehouse", _dir.Path, "-f", ddl);
        Assert.True(code == 0, error);

        // A new process would see the same catalog: every query runs in a fresh CLI invocation.
        foreach (var query in new[] { "q01", "q03", "q05", "q06", "q10", "q12", "q14" })
        {
            var file = Path.Combine(SharedData.TpchRoot, "queries", query + ".sql");
            var (qcode, output, qerror) = Run("sql", "--warehouse", _dir.Path, "--database", "tpch", "--format", "csv", "-f", file);
            Assert.True(qcode == 0, $"{query}: {qerror}");
            var rows = ParseCsv(output).Skip(1).ToList();
            var answer = Path.Combine(SharedData.TpchRoot, "answers", "sf0.01", query + ".csv");
            var difference = AnswerComparer.Compare(rows, answer, AnswerComparer.NumericColumns(SharedData.TpchRoot, query));
            Assert.True(difference is null, $"{query}: {difference}");
        }
    }

    /// <summary>Minimal RFC 4180 reader for the CLI's CSV output (quoted fields may hold commas, quotes and line breaks).</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; break;
                case ',': row.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n': row.Add(field.ToString()); field.Clear(); rows.Add([.. row]); row.Clear(); break;
                default: field.Append(c); break;
            }
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add([.. row]); }
        return rows;
    }

    private (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(TextReader.Null, false, output, error, _ => null, _dir.Path);
        var code = CliApplication.Run(args, console, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
