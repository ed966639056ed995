using QueryEngine.Metastore.Crawlers.Definitions;
using QueryEngine.Metastore.Store.Postgres;
using QueryEngine.Metastore.Tests.Store.Postgres;
using Xunit;

namespace QueryEngine.Metastore.Tests.Store.Crawlers;

public sealed class PostgresCrawlerStoreTests : CrawlerStoreContractTests, IClassFixture<PostgresServer>
{
    private readonly PostgresServer _server;
    private readonly string _database;
    private readonly PostgresCatalog _catalog;

    public PostgresCrawlerStoreTests(PostgresServer server)
    {
        _server = server;
        _database = server.CreateDatabase();
        _catalog = new PostgresCatalog(server.ConnectionString(_database));
    }

    protected override ICrawlerStore Store => _catalog;

    protected override void Dispose(bool disposing)
    {
        _catalog.Dispose();
        _server.DropDatabase(_database);
        base.Dispose(disposing);
    }
}
