using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Storage.S3;

namespace QueryEngine.Cli;

/// <summary>How the CLI assembles the engine: the warehouse's SQLite metastore and the file readers.</summary>
internal static class EngineServices
{
    /// <summary>Reads table files for the session: local paths and <c>file:</c> URIs, and <c>s3://</c> with the standard AWS settings.</summary>
    public static ITableSourceFactory CreateTableSources(Func<string, string?> environment) =>
        new FileTableSourceFactory(ObjectStoreResolver.WithS3(S3Settings.FromEnvironment(environment)));

    public static QuerySession CreateSession(ICatalog catalog, string warehouse, string? database, Func<string, string?> environment) =>
        new(catalog, CreateTableSources(environment), new SessionOptions { Warehouse = warehouse, DefaultDatabase = database ?? "default" });
}
