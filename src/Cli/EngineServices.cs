using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Session;

namespace QueryEngine.Cli;

/// <summary>How the CLI assembles the engine: the warehouse's SQLite metastore and the file readers.</summary>
internal static class EngineServices
{
    /// <summary>
    /// Reads table files for the session. Once the CSV reader is merged this line becomes
    /// <c>new FileTableSourceFactory(new LocalObjectStore())</c>.
    /// </summary>
    public static ITableSourceFactory CreateTableSources() => new UnavailableTableSources();

    public static QuerySession CreateSession(ICatalog catalog, string warehouse, string? database) =>
        new(catalog, CreateTableSources(), new SessionOptions { Warehouse = warehouse, DefaultDatabase = database ?? "default" });

    private sealed class UnavailableTableSources : ITableSourceFactory
    {
        public ITableSource Create(TableInfo table) =>
            throw new NotSupportedQueryException($"reading the files of table '{table.Database}.{table.Name}' (no file reader in this build)");
    }
}
