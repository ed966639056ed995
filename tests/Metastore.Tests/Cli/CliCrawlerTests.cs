using QueryEngine.Cli;
using QueryEngine.Metastore.Store.Postgres;
using QueryEngine.Metastore.Store.Sqlite;
using QueryEngine.Metastore.Tests.Store.Postgres;
using Xunit;

namespace QueryEngine.Metastore.Tests.Cli;

/// <summary><c>qe crawler ...</c> end to end, against the warehouse's SQLite metastore and a PostgreSQL one.</summary>
public sealed class CliCrawlerTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void CreateGetListRunHistoryUpdateAndDeleteACrawler()
    {
        Write("lake/sales/dt=1/a.csv", "id|amount\n1|2.5\n2|3\n");
        Write("lake/sales/dt=2/a.csv", "id|amount\n3|4.5\n");
        Write("lake/tmp/x.csv", "a|b\n1|2\n");
        Write("lake/other/o.csv", "k|v\n1|x\n");
        var warehouse = _dir.Combine("wh");

        var created = Run(null, "crawler", "create", "Sales", "--warehouse", warehouse, "--database", "lake", "--target", _dir.Combine("lake"),
            "--exclude", "tmp/**", "--prefix", "raw_", "--csv-delimiter", "|", "--csv-header", "present", "--on-delete", "delete",
            "--schedule", "cron(0 3 * * ? *)", "--description", "sales files");
        Assert.Equal((0, "Crawler sales created\n", ""), created);

        var (code, output, error) = Run(null, "crawler", "get", "sales", "--warehouse", warehouse);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        var lines = output.Split('\n');
        Assert.Equal(
            ["Name:          sales", "Description:   sales files", "Database:      lake", $"Target:        {_dir.Combine("lake")}", "Exclude:       tmp/**",
             "Table prefix:  raw_", "CSV:           delimiter |, quote \", header present", "On change:     update", "On delete:     delete",
             "Recrawl:       everything", "Grouping:      default"],
            lines[..11]);
        Assert.StartsWith("Schedule:      cron(0 3 * * ? *) (next ", lines[11], StringComparison.Ordinal);

        var (runCode, runOutput, runError) = Run(null, "crawler", "run", "sales", "--warehouse", warehouse);
        Assert.Equal("", runError);
        Assert.Equal(0, runCode);
        Assert.StartsWith($"Crawler sales, run 1: Crawled {_dir.Combine("lake")} into database lake in ", runOutput, StringComparison.Ordinal);
        Assert.Contains("Tables created (2): raw_other, raw_sales\nPartitions added: 2\n", runOutput, StringComparison.Ordinal);
        Assert.Equal((0, "id,amount,dt\n3,4.5,2\n", ""), Run(null, "sql", "--warehouse", warehouse, "--format", "csv", "-e", "SELECT * FROM lake.raw_sales WHERE id = 3"));

        Directory.Delete(_dir.Combine("lake", "sales", "dt=1"), recursive: true);
        Assert.Equal(0, Run(null, "crawler", "run", "sales", "--warehouse", warehouse).Code);
        var history = Run(null, "crawler", "history", "SALES", "--warehouse", warehouse).Output.Split('\n');
        Assert.Matches(@"^run 2 SUCCEEDED \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(\d+\.\d\d s\): tables created 0, updated 0, deleted 0; partitions added 0, removed 1; files skipped 0$", history[0]);
        Assert.Matches(@"^run 1 SUCCEEDED .*: tables created 2, updated 0, deleted 0; partitions added 2, removed 0; files skipped 0$", history[1]);

        Assert.Equal(0, Run(null, "crawler", "update", "sales", "--warehouse", warehouse, "--schedule", "none", "--recrawl", "new-folders").Code);
        var list = Run(null, "crawler", "list", "--warehouse", warehouse).Output;
        Assert.Matches($"^sales\tlake\ton demand\tSUCCEEDED [^\t]+\t{System.Text.RegularExpressions.Regex.Escape(_dir.Combine("lake"))}\n$", list);
        // 'show' is the issue's name for 'get'.
        Assert.Contains("Recrawl:       new-folders\n", Run(null, "crawler", "show", "sales", "--warehouse", warehouse).Output, StringComparison.Ordinal);

        Assert.Equal((0, "Crawler sales deleted (its tables stay)\n", ""), Run(null, "crawler", "delete", "sales", "--warehouse", warehouse));
        Assert.Equal((1, "", "Not found: Crawler 'sales' does not exist\n"), Run(null, "crawler", "run", "sales", "--warehouse", warehouse));
        Assert.Equal((0, "No crawlers\n", ""), Run(null, "crawler", "list", "--warehouse", warehouse));
        using var catalog = SqliteCatalog.OpenWarehouse(warehouse);
        Assert.NotNull(catalog.GetTable("lake", "raw_sales"));
    }

    [Fact]
    public void RunDueRunsNothingBeforeASchedulesFirstTimeAndBenchCrawlsItsGeneratedLake()
    {
        var warehouse = _dir.Combine("wh");
        Write("lake/t/a.csv", "a,b\n1,2\n");
        Assert.Equal(0, Run(null, "crawler", "create", "yearly", "--warehouse", warehouse, "--database", "d", "--target", _dir.Combine("lake"), "--schedule", "cron(0 0 1 1 ? 2199)").Code);
        Assert.Equal((0, "No crawler is due\n", ""), Run(null, "crawler", "run-due", "--warehouse", warehouse));

        var (code, output, error) = Run(null, "crawler", "bench", "--files", "20", "--partitions", "4");
        Assert.Equal((0, ""), (code, error));
        var lines = output.Split('\n');
        Assert.Matches(@"^Wrote 20 CSV files in 4 partitions in \d+\.\d\d s$", lines[0]);
        Assert.Matches(@"^first crawl: \d+\.\d\d s \(20 files classified, 1 tables created, 4 partitions added, 0 skipped\)$", lines[1]);
        Assert.Matches(@"^re-crawl, nothing changed: \d+\.\d\d s \(20 files classified, 0 tables created, 0 partitions added, 0 skipped\)$", lines[2]);
        Assert.Matches(@"^re-crawl, new folders only: \d+\.\d\d s \(0 files classified, 0 tables created, 0 partitions added, 0 skipped\)$", lines[3]);
    }

    [Fact]
    public void BadCommandLinesAndDefinitionsGiveClearErrors()
    {
        var warehouse = _dir.Combine("wh");
        Assert.Equal(64, Run(null, "crawler", "create", "c", "--warehouse", warehouse, "--target", "/x").Code);
        Assert.Contains("'qe crawler create' needs --database DB", Run(null, "crawler", "create", "c", "--target", "/x").Error, StringComparison.Ordinal);
        Assert.Contains("--on-delete takes deprecate, delete or log, not 'drop'", Run(null, "crawler", "create", "c", "--database", "d", "--target", "/x", "--on-delete", "drop").Error, StringComparison.Ordinal);
        Assert.Contains("unknown option '--combine-schemas' for 'qe crawler'", Run(null, "crawler", "run", "c", "--combine-schemas").Error, StringComparison.Ordinal);
        Assert.Contains("unknown action 'start'", Run(null, "crawler", "start", "c").Error, StringComparison.Ordinal);
        Assert.Contains("--files takes a positive whole number, not '0'", Run(null, "crawler", "bench", "--files", "0").Error, StringComparison.Ordinal);
        var badSchedule = Run(null, "crawler", "create", "c", "--warehouse", warehouse, "--database", "d", "--target", "/x", "--schedule", "cron(0 0 * * * *)");
        Assert.Equal(1, badSchedule.Code);
        Assert.StartsWith("Semantic error: Invalid schedule 'cron(0 0 * * * *)': one of day-of-month and day-of-week must be '?'", badSchedule.Error, StringComparison.Ordinal);
        Assert.Contains("qe crawler create NAME --database DB --target PATH", Run(null, "crawler", "--help").Output, StringComparison.Ordinal);
    }

    [Fact]
    public void CrawlAndCrawlerRunUseThePostgresMetastoreGivenByFlagOrEnvironment()
    {
        var database = server.CreateDatabase();
        try
        {
            Write("lake/events/e.json", "{\"user\": \"a\", \"n\": 1}\n{\"user\": \"b\", \"n\": 2}\n");
            var url = $"postgres://qe@127.0.0.1:{server.Port}/{database}";
            var warehouse = _dir.Combine("wh");
            var crawl = Run(null, "crawl", _dir.Combine("lake", "events"), "--database", "adhoc", "--warehouse", warehouse, "--metastore", url);
            Assert.Equal("", crawl.Error);
            Assert.Equal(0, crawl.Code);

            Func<string, string?> environment = name => name == EngineServices.MetastoreVariable ? server.ConnectionString(database) : null;
            Assert.Equal(0, Run(environment, "crawler", "create", "ev", "--warehouse", warehouse, "--database", "stored", "--target", _dir.Combine("lake")).Code);
            var run = Run(environment, "crawler", "run", "ev", "--warehouse", warehouse);
            Assert.Equal("", run.Error);
            Assert.False(File.Exists(Path.Combine(warehouse, "metastore.db")));

            using var catalog = new PostgresCatalog(url);
            Assert.Equal("qe-crawl", catalog.GetTable("adhoc", "events")!.Parameters["UPDATED_BY_CRAWLER"]);
            Assert.Equal("ev", catalog.GetTable("stored", "events")!.Parameters["UPDATED_BY_CRAWLER"]);
            Assert.Equal(Metastore.Crawlers.Definitions.CrawlRunStatus.Succeeded, catalog.ListCrawlRuns("ev").Single().Status);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            server.DropDatabase(database);
        }
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
