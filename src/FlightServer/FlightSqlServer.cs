using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.FlightServer.Flight;
using QueryEngine.FlightServer.FlightSql;
using QueryEngine.FlightServer.Grpc;
using QueryEngine.FlightServer.SystemTables;

namespace QueryEngine.FlightServer;

/// <summary>The Arrow Flight SQL server: gRPC on Kestrel serving the engine over a catalog.</summary>
public sealed class FlightSqlServer : IAsyncDisposable
{
    private readonly GrpcServer _server;

    private FlightSqlServer(GrpcServer server) => _server = server;

    public int Port => _server.Port;

    public static async Task<FlightSqlServer> StartAsync(
        ICatalog catalog, ITableSourceFactory sources, SessionOptions session, FlightSqlServerOptions options, CancellationToken cancellation = default)
    {
        var executor = new StatementExecutor(catalog, sources, session, new QueryLog(options.QueryLog), new QueryRegistry(TimeProvider.System));
        var authenticator = new FlightAuthenticator(options.AllUsers(), options.TokenLifetime);
        var service = new FlightService(new FlightSqlProducer(executor, new TableIngest(catalog, options.Stores ?? new ObjectStoreResolver(), session), options.ResultCompression), authenticator);
        return new FlightSqlServer(await GrpcServer.StartAsync(service, options.Grpc, cancellation).ConfigureAwait(false));
    }

    /// <summary>Stops taking calls and lets running ones finish until <paramref name="cancellation"/> fires.</summary>
    public Task StopAsync(CancellationToken cancellation = default) => _server.StopAsync(cancellation);

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
