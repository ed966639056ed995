using QueryEngine.Metastore.Jobs;
using QueryEngine.Metastore.Store.Sqlite;

namespace QueryEngine.Metastore.Tests.Store.Jobs;

public sealed class SqliteJobStoreTests : JobStoreContractTests
{
    private readonly TempDirectory _dir = new();
    private readonly SqliteCatalog _catalog;

    public SqliteJobStoreTests() => _catalog = SqliteCatalog.OpenWarehouse(_dir.Path);

    protected override IJobStore Store => _catalog;

    protected override void Dispose(bool disposing)
    {
        _catalog.Dispose();
        _dir.Dispose();
        base.Dispose(disposing);
    }
}
