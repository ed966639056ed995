using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Metastore.Server;

namespace QueryEngine.Cli.Commands;

/// <summary>
/// Starts the Hive Metastore Thrift server for <c>qe hms</c> and <c>qe serve</c> alike: the same server settings,
/// the same wording when the port cannot be bound, the same banner naming the address clients connect to.
/// </summary>
internal static class HmsListener
{
    /// <summary>Starts the server, or a <see cref="StorageException"/> saying which address could not be bound.</summary>
    public static HmsServer Start(ICatalog catalog, HmsEndpoint endpoint, string warehouse, Action<string> log)
    {
        if (TryStart(catalog, endpoint, warehouse, log, out var server, out var error)) return server;
        throw BindError(endpoint, error);
    }

    /// <summary>Starts the server; false with the socket error (and nothing left open) when the port cannot be bound.</summary>
    public static bool TryStart(
        ICatalog catalog,
        HmsEndpoint endpoint,
        string warehouse,
        Action<string> log,
        [NotNullWhen(true)] out HmsServer? server,
        [NotNullWhen(false)] out SocketException? error)
    {
        var started = new HmsServer(catalog, new HmsServerOptions
        {
            Address = endpoint.Address,
            Port = endpoint.Port,
            Framed = endpoint.Framed,
            Warehouse = warehouse,
            Log = log,
        });
        try
        {
            started.Start();
        }
        catch (SocketException ex)
        {
            started.Dispose();
            server = null;
            error = ex;
            return false;
        }
        server = started;
        error = null;
        return true;
    }

    public static StorageException BindError(HmsEndpoint endpoint, SocketException error) =>
        new($"cannot listen on {endpoint.Host}:{endpoint.Port} for the Hive Metastore API: {error.Message}", error);

    /// <summary>The line announcing a started server: <c>Hive Metastore Thrift API on thrift://host:port (...)</c>.</summary>
    public static string Banner(HmsEndpoint endpoint, HmsServer server) =>
        $"Hive Metastore Thrift API on thrift://{endpoint.Host}:{server.Port} ({(endpoint.Framed ? "framed" : "buffered")} transport, binary protocol)";
}

/// <summary>Where the Hive Metastore API listens: the host as the user wrote it (for messages), its address, port, transport.</summary>
internal sealed record HmsEndpoint(string Host, IPAddress Address, int Port, bool Framed);
