using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Cli;

/// <summary>How the CLI assembles the engine: the warehouse's SQLite metastore and the file readers.</summary>
internal static class EngineServices
{
    /// <summary>Reads table files for the session.</summary>
    public static ITableSourceFactory CreateTableSources() => new FileTableSourceFactory(new LocalObjectStore());

    public static QuerySession CreateSession(ICatalog catalog, string warehouse, string? database) =>
        new(catalog, CreateTableSources(), new SessionOptions { Warehouse = warehouse, DefaultDatabase = database ?? "default" });
}
