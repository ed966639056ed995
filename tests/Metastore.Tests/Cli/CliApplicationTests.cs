using QueryEngine.Cli;
using QueryEngine.Metastore.Store.Sqlite;
using QueryEngine.Tpch;
using Xunit;

namespace QueryEngine.Metastore.Tests.Cli;

public sealed class CliApplicationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void VersionNamesQeAndTheRuntime()
    {
        var (code, output, error) = Run("version");
        Assert.Equal(0, code);
        Assert.StartsWith("qe 0.1.0", output, StringComparison.Ordinal);
        Assert.Contains(".NET ", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Fact]
    public void HelpListsTheCommands()
    {
        var (code, output, _) = Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("qe sql", output, StringComparison.Ordinal);
        Assert.Contains("qe demo", output, StringComparison.Ordinal);
        Assert.Contains("QE_WAREHOUSE", output, StringComparison.Ordinal);
        Assert.Contains("--format FORMAT", Run("sql", "--help").Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadCommandLineExitsWith64AndPointsToHelp()
    {
        var (code, output, error) = Run("sql", "--format", "xml", "-e", "SELECT 1");
        Assert.Equal(64, code);
        Assert.Empty(output);
        Assert.Equal("qe: unknown format 'xml' (use table, csv, tsv or json)\nRun 'qe sql --help' for usage.\n", error);
        Assert.Equal(64, Run().Code);
    }

    [Fact]
    public void AMissingDatabaseIsAUserErrorWithoutStackTrace()
    {
        var (code, output, error) = Run("sql", "--warehouse", _dir.Path, "--database", "Nope", "-e", "SELECT 1");
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Equal("Not found: Schema 'nope' does not exist\n", error);
        Assert.True(File.Exists(_dir.Combine("metastore.db")));
    }

    [Fact]
    public void AScriptPrintsTheResultsOfTheStatementsBeforeTheOneThatFails()
    {
        var (code, output, error) = Run("sql", "--warehouse", _dir.Path, "--format", "csv", "-e", "SELECT 1 AS a; SELECT 2 AS b; SELECT x");
        Assert.Equal(1, code);
        Assert.Equal("a\r\n1\r\nb\r\n2\r\n", output);
        Assert.StartsWith("Not found: Column 'x' cannot be resolved at line 1, column 38", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TableOutputEndsEachQueryWithTheBytesItsScansRead()
    {
        var (createCode, _, createError) = Run("sql", "--warehouse", _dir.Path, "-e",
            "CREATE TABLE nums AS SELECT n, n * 2 AS twice FROM UNNEST(sequence(1, 1000)) AS t(n)");
        Assert.True(createCode == 0, createError);

        var (code, output, error) = Run("sql", "--warehouse", _dir.Path, "-e",
            "SELECT sum(twice) AS s FROM nums; EXPLAIN ANALYZE SELECT sum(twice) AS s FROM nums");
        Assert.True(code == 0, error);
        var scanned = System.Text.RegularExpressions.Regex.Match(output, @"\(1 row\)\nData scanned: (?:[0-9.]+[KMG]?B \()?(\d+) bytes\)?\n");
        Assert.True(scanned.Success, output);
        var bytes = long.Parse(scanned.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(bytes > 0, output);
        Assert.Contains($"bytes read: {bytes}", output, StringComparison.Ordinal);

        var (csvCode, csvOutput, csvError) = Run("sql", "--warehouse", _dir.Path, "--format", "csv", "-e", "SELECT sum(twice) AS s FROM nums");
        Assert.True(csvCode == 0, csvError);
        Assert.Equal("s\r\n1001000\r\n", csvOutput);
        Assert.Empty(csvError);
    }

    [Fact]
    public void AScriptWithASyntaxErrorRunsNothing()
    {
        var (code, output, error) = Run("sql", "--warehouse", _dir.Path, "-e", "CREATE DATABASE made; SELEC 1");
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.StartsWith("Syntax error", error, StringComparison.Ordinal);
        using var catalog = SqliteCatalog.OpenWarehouse(_dir.Path);
        Assert.Null(catalog.GetDatabase("made"));
    }

    [Fact]
    public void CrawlWritesTablesIntoTheWarehouseAndReportsSkips()
    {
        var lake = _dir.Combine("lake");
        Directory.CreateDirectory(Path.Combine(lake, "clicks"));
        File.WriteAllText(Path.Combine(lake, "clicks", "c.json"), "{\"page\": \"/\", \"ms\": 12}\n{\"page\": \"/a\", \"ms\": 30}\n");
        File.WriteAllText(Path.Combine(lake, "clicks", "empty.json"), "");
        var (code, output, error) = Run("crawl", lake, "--database", "Web", "--warehouse", _dir.Path);
        Assert.True(code == 0, error);
        Assert.Contains("Tables created (1): clicks", output, StringComparison.Ordinal);
        Assert.Contains("empty.json: empty file", output, StringComparison.Ordinal);
        var (sqlCode, sqlOutput, sqlError) = Run("sql", "--warehouse", _dir.Path, "--format", "csv", "-e", "SELECT sum(ms) AS total FROM web.clicks");
        Assert.True(sqlCode == 0, sqlError);
        Assert.Equal("total\r\n42\r\n", sqlOutput);
        Assert.Equal(64, Run("crawl", "--database", "web").Code);
        Assert.Equal(64, Run("crawl", lake).Code);
    }

    [Fact]
    public void AnUnreadableSqlFileIsAUserError()
    {
        var (code, _, error) = Run("sql", "--warehouse", _dir.Path, "-f", "missing.sql");
        Assert.Equal(1, code);
        Assert.StartsWith("Storage error: cannot read the SQL file 'missing.sql'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TheWarehouseComesFromTheEnvironmentWhenNotGiven()
    {
        var warehouse = _dir.Combine("from-env");
        var console = Console(environment: name => name == Warehouse.EnvironmentVariable ? warehouse : null);
        CliApplication.Run(["sql", "--database", "nope", "-e", "SELECT 1"], console.Console, CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(warehouse, "metastore.db")));
    }

    [Fact]
    public void DemoWritesSampleDataAndRegistersTpchIdempotently()
    {
        Run("demo", "--warehouse", _dir.Path);
        var (_, output, _) = Run("demo", "--warehouse", _dir.Path);

        Assert.Contains("Database tpch: region (5), nation (25)", output, StringComparison.Ordinal);
        Assert.Contains("FROM tpch.lineitem", output, StringComparison.Ordinal);
        using var catalog = SqliteCatalog.OpenWarehouse(_dir.Path);
        Assert.Equal(["default", "tpch"], catalog.ListDatabases());
        Assert.Equal(["customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"], catalog.ListTables("tpch"));
        var lineitem = catalog.GetTable("tpch", "lineitem")!;
        Assert.Equal(Path.Combine(_dir.Path, "sample", "tpch", "lineitem"), lineitem.Storage.Location);
        Assert.Equal("|", lineitem.Storage.SerdeParameters["field.delim"]);
        Assert.Equal(16, lineitem.Columns.Count);
        Assert.Equal("decimal(15,2)", lineitem.Columns[4].HiveType);
        Assert.Contains("orders (15000), lineitem (60175)", output, StringComparison.Ordinal);
        foreach (var table in TpchTables.All.Select(TpchTables.Name))
        {
            Assert.True(File.Exists(Path.Combine(_dir.Path, "sample", "tpch", table, table + ".tbl")));
        }
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp", SearchOption.AllDirectories));
    }

    private (int Code, string Output, string Error) Run(params string[] args)
    {
        var console = Console();
        var code = CliApplication.Run(args, console.Console, CancellationToken.None);
        return (code, console.Output.ToString(), console.Error.ToString());
    }

    private (CliConsole Console, StringWriter Output, StringWriter Error) Console(Func<string, string?>? environment = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(TextReader.Null, false, output, error, environment ?? (_ => null), _dir.Path);
        return (console, output, error);
    }
}
