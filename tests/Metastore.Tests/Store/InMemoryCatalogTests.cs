using QueryEngine.Engine.Catalog;

namespace QueryEngine.Metastore.Tests.Store;

public sealed class InMemoryCatalogTests : CatalogContractTests
{
    protected override ICatalog Catalog { get; } = new InMemoryCatalog();
}
