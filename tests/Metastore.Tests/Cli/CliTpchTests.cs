using QueryEngine.Cli;
using QueryEngine.Engine.Tests.TestSupport;
using QueryEngine.Engine.Tests.Tpch;
using Xunit;

namespace QueryEngine.Metastore.Tests.Cli;

/// <summary>
/// `qe sql` end to end: tables declared with DDL in a SQLite-backed warehouse over the reference .tbl files, a Parquet
/// copy of them written by `qe sql` itself (CTAS), then each of the 22 TPC-H queries run as a file with CSV output in a
/// fresh CLI invocation against both, compared with the reference answers.
/// </summary>
public sealed class CliTpchTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("0.01")]
    [InlineData("0.1")]
    public void QeSqlAnswersAllQueriesOverTextAndAParquetCopyFromAPersistentCatalog(string scaleFactor)
    {
        var ddl = _dir.Combine("ddl.sql");
        File.WriteAllText(ddl, TpchData.CreateTablesSql("tpch", TpchData.Folder(scaleFactor))
            + TpchParquetCopy.CopySql("tpch", "tpch_parquet", _dir.Combine("parquet")));
        var (code, _, error) = Run("sql", "--warehouse", _dir.Path, "-f", ddl);
        Assert.True(code == 0, error);
        foreach (var table in TpchData.Tables)
        {
            var files = Directory.GetFiles(_dir.Combine("parquet", table));
            Assert.NotEmpty(files);
            Assert.All(files, f => Assert.EndsWith(".parquet", f, StringComparison.Ordinal));
        }

        // A new process would see the same catalog: every query runs in a fresh CLI invocation.
        var failures = new List<string>();
        foreach (var database in new[] { "tpch", "tpch_parquet" })
        {
            for (var i = 1; i <= 22; i++)
            {
                var query = $"q{i:00}";
                var file = Path.Combine(SharedData.TpchRoot, "queries", query + ".sql");
                var (qcode, output, qerror) = Run("sql", "--warehouse", _dir.Path, "--database", database, "--format", "csv", "-f", file);
                if (qcode != 0)
                {
                    failures.Add($"{database} {query}: exit {qcode}: {qerror}");
                    continue;
                }
                var rows = ParseCsv(output).Skip(1).ToList();
                var answer = Path.Combine(SharedData.TpchRoot, "answers", "sf" + scaleFactor, query + ".csv");
                var difference = AnswerComparer.Compare(rows, answer, AnswerComparer.NumericColumns(SharedData.TpchRoot, query));
                if (difference is not null) failures.Add($"{database} {query}: {difference}");
            }
        }
        Assert.True(failures.Count == 0, $"SF {scaleFactor}:\n" + string.Join("\n", failures));
    }

    /// <summary>
    /// Minimal RFC 4180 reader for the CLI's CSV output (quoted fields may hold commas, quotes and line breaks). An
    /// unquoted empty field is NULL (the CLI writes the empty string as <c>""</c>), returned as "NULL" as the answers
    /// spell it.
    /// </summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        void EndField()
        {
            row.Add(field.Length == 0 && !wasQuoted ? "NULL" : field.ToString());
            field.Clear();
            wasQuoted = false;
        }
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
                case '"': quoted = true; wasQuoted = true; break;
                case ',': EndField(); break;
                case '\r': break;
                case '\n': EndField(); rows.Add([.. row]); row.Clear(); break;
                default: field.Append(c); break;
            }
        }
        if (field.Length > 0 || row.Count > 0) { EndField(); rows.Add([.. row]); }
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
