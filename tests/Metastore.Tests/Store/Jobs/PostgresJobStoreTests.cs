using QueryEngine.Metastore.Jobs;
using QueryEngine.Metastore.Store.Postgres;
using QueryEngine.Metastore.Tests.Store.Postgres;
using Xunit;

namespace QueryEngine.Metastore.Tests.Store.Jobs;

public sealed class PostgresJobStoreTests : JobStoreContractTests, IClassFixture<PostgresServer>
{
    private readonly PostgresServer _server;
    private readonly string _database;
    private readonly PostgresCatalog _catalog;

    public PostgresJobStoreTests(PostgresServer server)
    {
        _server = server;
        _database = server.CreateDatabase();
        _catalog = new PostgresCatalog(server.ConnectionString(_database));
    }

    protected override IJobStore Store => _catalog;

    protected override void Dispose(bool disposing)
    {
        _catalog.Dispose();
        _server.DropDatabase(_database);
        base.Dispose(disposing);
    }
}
