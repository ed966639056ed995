using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Storage.S3;
using QueryEngine.Engine.Writing;
using QueryEngine.Metastore.Store;
using QueryEngine.Metastore.Store.Postgres;
using QueryEngine.Metastore.Store.Sqlite;

namespace QueryEngine.Cli;

/// <summary>How the CLI assembles the engine: the metastore (the warehouse's SQLite file or PostgreSQL) and the file readers.</summary>
internal static class EngineServices
{
    /// <summary>Environment variable naming the metastore when --metastore is not given.</summary>
    public const string MetastoreVariable = "QE_METASTORE";

    /// <summary>
    /// Opens the metastore: <paramref name="metastore"/> (else $QE_METASTORE) as a PostgreSQL URL or connection string,
    /// or a SQLite file; with neither, the warehouse's <c>metastore.db</c>. The caller disposes it.
    /// </summary>
    public static RelationalCatalog OpenMetastore(string? metastore, Func<string, string?> environment, string warehouse, string currentDirectory)
    {
        var chosen = !string.IsNullOrWhiteSpace(metastore) ? metastore : environment(MetastoreVariable);
        if (string.IsNullOrWhiteSpace(chosen)) return SqliteCatalog.OpenWarehouse(warehouse);
        if (PostgresConnectionString.IsPostgres(chosen)) return new PostgresCatalog(chosen, warehouse);
        return new SqliteCatalog(Path.GetFullPath(chosen, currentDirectory), warehouse);
    }

    /// <summary>The stores behind locations: local paths and <c>file:</c> URIs, and <c>s3://</c> with the standard AWS settings.</summary>
    public static ObjectStoreResolver CreateStores(Func<string, string?> environment) =>
        ObjectStoreResolver.WithS3(S3Settings.FromEnvironment(environment));

    /// <summary>Reads table files for the session through <see cref="CreateStores"/>.</summary>
    public static ITableSourceFactory CreateTableSources(Func<string, string?> environment) =>
        new FileTableSourceFactory(CreateStores(environment));

    /// <summary>
    /// A session over the warehouse; first resolves writes (CTAS / INSERT / UNLOAD) left behind by a process that died
    /// (<see cref="WriteRecovery"/>). With <paramref name="scanFilter"/>, scans read only the files it includes (job bookmarks).
    /// </summary>
    public static QuerySession CreateSession(
        ICatalog catalog, string warehouse, string? database, Func<string, string?> environment, IScanFileFilter? scanFilter = null,
        Arguments.MemoryFlags? memory = null)
    {
        var stores = CreateStores(environment);
        RecoverWrites(catalog, stores, warehouse);
        return new(catalog, new FileTableSourceFactory(stores), new SessionOptions
        {
            Warehouse = warehouse,
            DefaultDatabase = database ?? "default",
            Procedures = Procedures,
            ScanFileFilter = scanFilter,
            Memory = (memory ?? Arguments.MemoryFlags.None).Apply(Engine.Execution.Memory.MemorySettings.Default),
        });
    }

    /// <summary>
    /// Finishes or undoes the writes of processes that died (see <see cref="WriteRecovery"/>). A warehouse on an object
    /// store that cannot be reached now is left to the recovery before the next write.
    /// </summary>
    public static void RecoverWrites(ICatalog catalog, ObjectStoreResolver stores, string warehouse)
    {
        try
        {
            WriteRecovery.Run(catalog, stores.Resolve, warehouse);
        }
        catch (Engine.Common.StorageException) when (WriteJournal.ObjectStoreFolderOf(warehouse) is not null)
        {
            // Retried before every write.
        }
    }

    /// <summary>The procedures <c>CALL</c> runs in the CLI's sessions: <c>tpch_generate</c>.</summary>
    public static IReadOnlyList<IProcedure> Procedures { get; } = [new Tpch.TpchGenerateProcedure()];
}
