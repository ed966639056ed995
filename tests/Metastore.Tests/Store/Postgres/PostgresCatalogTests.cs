using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Metastore.Store;
using QueryEngine.Metastore.Store.Postgres;
using Xunit;

namespace QueryEngine.Metastore.Tests.Store.Postgres;

/// <summary>The catalog contract against a real PostgreSQL server (one throw-away cluster, one fresh database per test).</summary>
public sealed class PostgresCatalogTests : CatalogContractTests, IClassFixture<PostgresServer>
{
    private readonly PostgresServer _server;
    private readonly string _database;
    private readonly PostgresCatalog _catalog;

    public PostgresCatalogTests(PostgresServer server)
    {
        _server = server;
        _database = server.CreateDatabase();
        _catalog = new PostgresCatalog(server.ConnectionString(_database), "/warehouse");
    }

    protected override ICatalog Catalog => _catalog;

    protected override void Dispose(bool disposing)
    {
        _catalog.Dispose();
        _server.DropDatabase(_database);
        base.Dispose(disposing);
    }

    [Fact]
    public void OpeningMigratesOnceAndEverythingSurvivesAReopen()
    {
        Assert.Equal(MetastoreMigrations.Latest, _catalog.SchemaVersion);
        Assert.Equal("/warehouse", _catalog.GetDatabase("default")!.Location);
        _catalog.CreateTable(SampleTable("default", "orders"), ifNotExists: false);
        _catalog.AddPartitions("default", "orders", [new PartitionInfo("default", "orders", ["2024-01-01", "eu"])], ifNotExists: false);

        var url = $"postgres://qe@127.0.0.1:{_server.Port}/{_database}";
        using var reopened = new PostgresCatalog(url, "/elsewhere");
        Assert.Equal(MetastoreMigrations.Latest, reopened.SchemaVersion);
        Assert.Equal("/warehouse", reopened.GetDatabase("default")!.Location);
        CatalogAssert.Equal(SampleTable("default", "orders"), reopened.GetTable("default", "orders"));
        Assert.Equal(["ds=2024-01-01/region=eu"], reopened.ListPartitionNames("default", "orders"));
        Assert.StartsWith("PostgreSQL metastore 127.0.0.1:", reopened.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void CatalogsOpeningANewDatabaseAtOnceMigrateItOnce()
    {
        var database = _server.CreateDatabase();
        try
        {
            var versions = new System.Collections.Concurrent.ConcurrentBag<int>();
            var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
            using var start = new ManualResetEventSlim();
            var openers = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
            {
                start.Wait();
                try
                {
                    using var catalog = new PostgresCatalog(_server.ConnectionString(database));
                    versions.Add(catalog.SchemaVersion);
                }
                catch (Exception ex)
                {
                    failures.Enqueue(ex);
                }
            })).ToArray();
            foreach (var o in openers) o.Start();
            start.Set();
            foreach (var o in openers) o.Join();

            Assert.Empty(failures);
            Assert.Equal([MetastoreMigrations.Latest, MetastoreMigrations.Latest, MetastoreMigrations.Latest, MetastoreMigrations.Latest], versions);
            using var check = new PostgresCatalog(_server.ConnectionString(database));
            Assert.Equal(["default"], check.ListDatabases());
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            _server.DropDatabase(database);
        }
    }

    [Fact]
    public void AnUnreachableServerIsAStorageError()
    {
        var error = Assert.ThrowsAny<QueryException>(() => new PostgresCatalog("postgres://qe@127.0.0.1:1/none").Dispose());
        Assert.IsType<StorageException>(error);
        Assert.Contains("PostgreSQL metastore 127.0.0.1:1/none", error.Message, StringComparison.Ordinal);
    }
}
