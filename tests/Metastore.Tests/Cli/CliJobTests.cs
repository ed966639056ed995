using QueryEngine.Cli;
using QueryEngine.Metastore.Tests.Store.Postgres;
using Xunit;

namespace QueryEngine.Metastore.Tests.Cli;

/// <summary><c>qe job ...</c> end to end through the CLI, against the warehouse's SQLite metastore and a PostgreSQL one.</summary>
public sealed class CliJobTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void RunAddFilesRunAgainFailResetAndHistoryWithTheWarehouseMetastore() => RunScenario(null);

    [Fact]
    public void TheSameScenarioWithAPostgresMetastore()
    {
        var database = server.CreateDatabase();
        try
        {
            RunScenario(server.ConnectionString(database));
        }
        finally
        {
            server.DropDatabase(database);
        }
    }

    [Fact]
    public void HelpAndUsageErrors()
    {
        var help = Run(null, "help", "job");
        Assert.Equal(0, help.Code);
        Assert.StartsWith("Usage: qe job run NAME -f SCRIPT.sql [--bookmark]", help.Output, StringComparison.Ordinal);
        Assert.Contains("job       Run a SQL script as a named ETL job", Run(null, "--help").Output, StringComparison.Ordinal);
        Assert.Equal((64, "", "qe: 'qe job run' needs -f SCRIPT.sql\nRun 'qe job --help' for usage.\n"), Run(null, "job", "run", "x"));
        Assert.Equal(64, Run(null, "job", "rerun", "x").Code);
        Assert.Equal((64, "", "qe: 'qe job list' takes no NAME\nRun 'qe job --help' for usage.\n"), Run(null, "job", "list", "x"));
        Assert.Equal((64, "", "qe: 'qe job delete' needs one job NAME\nRun 'qe job --help' for usage.\n"), Run(null, "job", "delete"));
        Assert.Equal((1, "", "Not found: Job 'nope' does not exist (it has never run)\n"), Run(null, "job", "history", "nope", "--warehouse", _dir.Combine("wh")));
    }

    [Fact]
    public void WritesShowsInterruptedInsertsUntilTheNextStartFinishesThem()
    {
        // Two INSERTs into etl.t that died: "cut" after its commit with a file still pending, "dead" before its
        // commit. qe job writes shows both and changes nothing; the next qe sql start rolls one forward, the other back.
        var warehouse = _dir.Combine("wh");
        Assert.Equal(0, Run(null, "sql", "--warehouse", warehouse, "-e", "CREATE DATABASE etl; CREATE TABLE etl.t AS SELECT 1 AS x").Code);
        var folder = Path.Combine(warehouse, "etl", "t");
        var original = Directory.GetFiles(folder).Single();
        File.Copy(original, Path.Combine(folder, ".qe-pending-cut_00000.parquet"));
        File.Copy(original, Path.Combine(folder, "cut_00001.parquet"));
        File.Copy(original, Path.Combine(folder, ".qe-pending-dead_00000.parquet"));
        Assert.Equal(0, Run(null, "sql", "--warehouse", warehouse, "-e", "ALTER TABLE etl.t SET TBLPROPERTIES ('qe.write.query_ids' = 'cut')").Code);
        var journals = Path.Combine(warehouse, ".qe-staging");
        Directory.CreateDirectory(journals);
        foreach (var id in new[] { "cut", "dead" })
        {
            File.WriteAllText(Path.Combine(journals, id + ".json"), $$"""{"QueryId":"{{id}}","Target":"{{folder}}","Database":"etl","Table":"t","CreatesTarget":false}""");
        }

        var expected = "cut etl.t COMMITTED, 1 files still to rename (readers see the whole write; the next write or start renames them)\n" +
                       "dead etl.t NOT COMMITTED, 1 files to delete (nobody sees them; the next write or start deletes them)\n";
        Assert.Equal((0, expected, ""), Run(null, "job", "writes", "--warehouse", warehouse));
        Assert.Equal((0, expected, ""), Run(null, "job", "writes", "--warehouse", warehouse));
        Assert.Equal((64, "", "qe: 'qe job writes' takes no NAME\nRun 'qe job --help' for usage.\n"), Run(null, "job", "writes", "x"));

        Assert.Equal((0, "_col0\n3\n", ""), Run(null, "sql", "--warehouse", warehouse, "--format", "csv", "-e", "SELECT count(*) FROM etl.t"));
        Assert.Equal((0, "No unfinished writes\n", ""), Run(null, "job", "writes", "--warehouse", warehouse));
        Assert.Equal(
            new[] { "cut_00000.parquet", "cut_00001.parquet", Path.GetFileName(original) }.Order(StringComparer.Ordinal).ToArray(),
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
    }

    private void RunScenario(string? metastore)
    {
        var warehouse = _dir.Combine("wh");
        string[] store = metastore is null ? ["--warehouse", warehouse] : ["--warehouse", warehouse, "--metastore", metastore];
        Write("raw/a.csv", "1,a\n2,b\n");
        Write("setup.sql", $"""
            CREATE SCHEMA raw;
            CREATE EXTERNAL TABLE raw.events (id int, name string) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION '{_dir.Combine("raw")}';
            CREATE TABLE default.events WITH (format = 'PARQUET') AS SELECT id, name FROM raw.events WITH NO DATA
            """);
        Write("load.sql", "INSERT INTO events SELECT id, name FROM raw.events;\nSELECT count(*) FROM raw.events;\n");
        Write("bad.sql", "INSERT INTO events SELECT id, name FROM raw.events;\nSELECT * FROM raw.missing;\n");
        Assert.Equal(0, Run(null, ["sql", "-f", "setup.sql", .. store]).Code);

        var first = Run(null, ["job", "run", "Load", "-f", "load.sql", "--bookmark", .. store]);
        Assert.Equal((0, "Job load, run 1 SUCCEEDED: 2 statements, 2 rows written, 1 new files read\n", ""), first);
        Write("raw/b.csv", "3,c\n");
        Assert.Equal((0, "Job load, run 2 SUCCEEDED: 2 statements, 1 rows written, 1 new files read\n", ""), Run(null, ["job", "run", "load", "-f", "load.sql", "--bookmark", .. store]));
        Assert.Equal((0, "_col0,_col1\n3,3\n", ""), Run(null, ["sql", "--format", "csv", "-e", "SELECT count(*), count(DISTINCT id) FROM events", .. store]));

        Write("raw/c.csv", "4,d\n");
        var failed = Run(null, ["job", "run", "load", "-f", "bad.sql", "--bookmark", .. store]);
        Assert.Equal(1, failed.Code);
        Assert.Equal("", failed.Output);
        Assert.StartsWith("Job load failed: ", failed.Error, StringComparison.Ordinal);
        Assert.Contains("raw.missing", failed.Error, StringComparison.Ordinal);
        // The failed run's INSERT committed c.csv's row, but the bookmark did not move: the next run reads c.csv again.
        Assert.Equal((0, "Job load, run 4 SUCCEEDED: 2 statements, 1 rows written, 1 new files read\n", ""), Run(null, ["job", "run", "load", "-f", "load.sql", "--bookmark", .. store]));

        var history = Run(null, ["job", "history", "load", .. store]).Output.Split('\n');
        Assert.Matches(@"^run 4 SUCCEEDED start \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC end \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(\d+\.\d\d s\): rows written 1, bookmark, files read 1$", history[0]);
        Assert.Matches(@"^run 3 FAILED .*: rows written 1, bookmark, files read 0$", history[1]);
        Assert.StartsWith("    statement 2: ", history[2], StringComparison.Ordinal);
        Assert.Matches(@"^run 2 SUCCEEDED .*: rows written 1, bookmark, files read 1$", history[3]);
        Assert.Matches(@"^run 1 SUCCEEDED .*: rows written 2, bookmark, files read 1$", history[4]);
        Assert.Equal(Run(null, ["job", "history", "load", .. store]), Run(null, ["job", "runs", "load", .. store]));

        Assert.Equal((0, "Job load: bookmark reset; the next run processes every file\n", ""), Run(null, ["job", "reset", "load", .. store]));
        Assert.Equal((0, "Job load, run 5 SUCCEEDED: 2 statements, 4 rows written, 3 new files read\n", ""), Run(null, ["job", "run", "load", "-f", "load.sql", "--bookmark", .. store]));
        Assert.Equal((0, "_col0,_col1\n9,4\n", ""), Run(null, ["sql", "--format", "csv", "-e", "SELECT count(*), count(DISTINCT id) FROM events", .. store]));

        // list, then delete: the job, its bookmark and its five runs go; history says it does not exist.
        Assert.Equal(0, Run(null, ["job", "run", "other", "-f", "load.sql", .. store]).Code);
        var list = Run(null, ["job", "list", .. store]);
        Assert.Equal(0, list.Code);
        var lines = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^load created \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, 5 runs, last run 5 SUCCEEDED start \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$", lines[0]);
        Assert.Matches(@"^other created .* UTC, 1 runs, last run 6 SUCCEEDED start .* UTC$", lines[1]);
        Assert.Equal((0, "Job load deleted, with its bookmark and the history of its 5 runs\n", ""), Run(null, ["job", "delete", "load", .. store]));
        Assert.Equal((1, "", "Not found: Job 'load' does not exist (it has never run)\n"), Run(null, ["job", "history", "load", .. store]));
        Assert.Equal((1, "", "Not found: Job 'load' does not exist (it has never run)\n"), Run(null, ["job", "delete", "load", .. store]));
        Assert.StartsWith("other created ", Run(null, ["job", "list", .. store]).Output, StringComparison.Ordinal);
        Assert.Equal((0, "Job other deleted, with its bookmark and the history of its 1 runs\n", ""), Run(null, ["job", "delete", "other", .. store]));
        Assert.Equal((0, "No jobs\n", ""), Run(null, ["job", "list", .. store]));
    }

    private void Write(string relative, string text)
    {
        var path = _dir.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private (int Code, string Output, string Error) Run(Func<string, string?>? environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(TextReader.Null, false, output, error, environment ?? (_ => null), _dir.Path);
        var code = CliApplication.Run(args, console, CancellationToken.None);
        return (code, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }
}
