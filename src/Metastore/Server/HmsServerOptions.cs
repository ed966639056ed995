using System.Net;

namespace QueryEngine.Metastore.Server;

/// <summary>Settings of the Hive Metastore Thrift server.</summary>
public sealed record HmsServerOptions
{
    /// <summary>Hive's default metastore port.</summary>
    public const int DefaultPort = 9083;

    /// <summary>The address to listen on: loopback unless told otherwise.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The TCP port; 0 picks a free one (see <see cref="HmsServer.Port"/>).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>
    /// TFramedTransport (each message prefixed by its 4-byte big-endian length) instead of the default buffered
    /// socket; clients must use the same (Hive: <c>hive.metastore.thrift.framed.transport.enabled</c>).
    /// </summary>
    public bool Framed { get; init; }

    /// <summary>The largest request accepted; a larger one closes its connection.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Connections served at once (one thread each); a connection beyond it is closed at once, logged.</summary>
    public int MaxConnections { get; init; } = 256;

    /// <summary>The warehouse folder: reported as <c>hive.metastore.warehouse.dir</c>, root of default locations.</summary>
    public string Warehouse { get; init; } = ".warehouse";

    /// <summary>Where connection errors and call failures are reported (one line each).</summary>
    public Action<string> Log { get; init; } = _ => { };
}
