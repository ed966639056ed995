using System.Globalization;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar.Ipc;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Tests.TestSupport;
using QueryEngine.FlightServer.FlightSql;
using QueryEngine.FlightServer.SystemTables;
using Xunit;

namespace QueryEngine.FlightServer.Tests.FlightSql;

/// <summary>
/// The sessions the Flight SQL server runs statements in (<c>system.queries</c> in front of the file factory) keep
/// what the file factory does for a plain session: a scan of many partitions lists the table location once, MSCK
/// REPAIR TABLE lists through the server's stores, and writes go to them.
/// </summary>
public sealed class ServedSessionSourcesTests : IDisposable
{
    private const int Partitions = 40;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"qe-served-sources-{Guid.NewGuid():N}");
    private readonly RecordingObjectStore _store = new();
    private readonly InMemoryCatalog _catalog = new();
    private readonly StatementExecutor _executor;
    private readonly string _root;

    public ServedSessionSourcesTests()
    {
        _root = Path.Combine(_dir, "events");
        for (var p = 0; p < Partitions; p++)
        {
            var folder = Path.Combine(_root, $"p={p}");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "part.csv"), string.Create(CultureInfo.InvariantCulture, $"{p * 10}\n{p * 10 + 1}\n"));
        }
        var sources = new FileTableSourceFactory(_store);
        var options = new SessionOptions { Warehouse = Path.Combine(_dir, "warehouse"), DefaultDatabase = "default" };
        new QuerySession(_catalog, sources, options).Execute($"""
            CREATE EXTERNAL TABLE events (v bigint) PARTITIONED BY (p int) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION '{_root}'
            """);
        // As FlightSqlServer.StartAsync builds it.
        _executor = new StatementExecutor(_catalog, sources, options, new QueryLog(null), new QueryRegistry(TimeProvider.System));
    }

    [Fact]
    public void MsckRepairThroughTheServerListsThroughItsStore()
    {
        _store.Listed.Clear();
        Run("MSCK REPAIR TABLE events");
        Assert.Equal([_root], _store.Listed.ToArray());
        Assert.Equal(Partitions, _catalog.CountPartitions("default", "events"));
    }

    [Fact]
    public void AServedScanOfManyPartitionsListsTheTableLocationOnce()
    {
        Run("MSCK REPAIR TABLE events");
        const string sql = "SELECT count(*), sum(v) FROM events";

        // The Flight path: GetFlightInfo plans, DoGet streams.
        _store.Listed.Clear();
        var plan = _executor.PlanQuery(StatementExecutor.ParseOne(sql));
        Assert.NotNull(plan);
        var messages = _executor.Stream(sql, plan, IpcCompression.None, dictionaryStrings: false, "ann", CancellationToken.None).Batches.Count();
        Assert.Equal(1, messages);
        Assert.Equal([_root], _store.Listed.ToArray());

        // The same session for a statement run to completion, with its result.
        _store.Listed.Clear();
        var result = Run(sql);
        Assert.Equal([_root], _store.Listed.ToArray());
        var batch = Assert.Single(result.Batches);
        var expectedSum = Enumerable.Range(0, Partitions).Sum(p => p * 20L + 1);
        Assert.Equal((2L * Partitions, expectedSum), ((long)batch.Column(0).GetValue(0)!, (long)batch.Column(1).GetValue(0)!));

        // A few partitions kept by the filter are listed one by one, each once.
        _store.Listed.Clear();
        Run("SELECT sum(v) FROM events WHERE p IN (3, 7)");
        Assert.Equal([Path.Combine(_root, "p=3"), Path.Combine(_root, "p=7")], _store.Listed.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void ServedWritesGoThroughTheServersStore()
    {
        _store.Created.Clear();
        Run("CREATE TABLE copied AS SELECT 1 AS x");
        Assert.NotEmpty(_store.Created);
        Assert.All(_store.Created, path => Assert.StartsWith(Path.Combine(_dir, "warehouse"), path, StringComparison.Ordinal));
        Assert.Equal(1L, Run("SELECT count(*) FROM copied").Batches[0].Column(0).GetValue(0));
    }

    private StatementResult Run(string sql) => _executor.Execute(sql, StatementExecutor.ParseOne(sql), "ann", CancellationToken.None);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
