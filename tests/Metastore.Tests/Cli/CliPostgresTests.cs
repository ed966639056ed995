using QueryEngine.Cli;
using QueryEngine.Metastore.Store.Postgres;
using QueryEngine.Metastore.Tests.Hms;
using QueryEngine.Metastore.Tests.Store.Postgres;
using Xunit;

namespace QueryEngine.Metastore.Tests.Cli;

/// <summary>
/// <c>qe sql --metastore postgres://...</c> and $QE_METASTORE select a PostgreSQL metastore; so do <c>qe hms</c>
/// (which then serves the PostgreSQL catalog over Thrift) and <c>qe demo</c>.
/// </summary>
public sealed class CliPostgresTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _database = server.CreateDatabase();

    public void Dispose()
    {
        server.DropDatabase(_database);
        _dir.Dispose();
    }

    [Fact]
    public void SqlRunsAgainstAPostgresMetastore()
    {
        var url = $"postgres://qe@127.0.0.1:{server.Port}/{_database}";
        var (code, _, error) = Run(null, "sql", "--warehouse", _dir.Path, "--metastore", url, "-e",
            "CREATE DATABASE shop; CREATE EXTERNAL TABLE shop.orders (id int) PARTITIONED BY (ds string) LOCATION '/lake/orders'");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.False(File.Exists(_dir.Combine("metastore.db")));

        var (_, output, _) = Run(name => name == EngineServices.MetastoreVariable ? server.ConnectionString(_database) : null,
            "sql", "--warehouse", _dir.Path, "--format", "csv", "-e", "SHOW TABLES FROM shop");
        Assert.Equal("Table\norders\n", output.ReplaceLineEndings("\n"));

        using var catalog = new PostgresCatalog(url);
        Assert.Equal("/lake/orders", catalog.GetTable("shop", "orders")!.Storage.Location);
    }

    [Fact]
    public async Task HmsServesAPostgresMetastore()
    {
        var url = $"postgres://qe@127.0.0.1:{server.Port}/{_database}";
        var (code, _, error) = Run(null, "sql", "--warehouse", _dir.Path, "--metastore", url, "-e", "CREATE DATABASE from_postgres");
        Assert.Equal((0, ""), (code, error));

        var output = new StringWriter();
        var console = new CliConsole(TextReader.Null, false, TextWriter.Synchronized(output), TextWriter.Synchronized(new StringWriter()), _ => null, _dir.Path);
        using var cancellation = new CancellationTokenSource();
        var run = Task.Run(() => CliApplication.Run(["hms", "--warehouse", _dir.Path, "--metastore", url, "--port", "0"], console, cancellation.Token));
        var port = CliHmsCommandTests.WaitForPort(output, run);
        using (var client = new HmsTestClient(port))
        {
            Assert.Equal(["default", "from_postgres"], client.GetAllDatabases());
        }
        cancellation.Cancel();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("PostgreSQL metastore", output.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("metastore.db")));
    }

    [Fact]
    public void DemoRegistersItsTablesInAPostgresMetastore()
    {
        var (code, output, error) = Run(
            name => name == EngineServices.MetastoreVariable ? server.ConnectionString(_database) : null,
            "demo", "--warehouse", _dir.Path);
        Assert.True(code == 0, error);
        Assert.Contains("PostgreSQL metastore", output, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("metastore.db")));
        using var catalog = new PostgresCatalog(server.ConnectionString(_database));
        Assert.Equal(["customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"], catalog.ListTables("tpch"));
    }

    private (int Code, string Output, string Error) Run(Func<string, string?>? environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(TextReader.Null, false, output, error, environment ?? (_ => null), _dir.Path);
        var code = CliApplication.Run(args, console, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
