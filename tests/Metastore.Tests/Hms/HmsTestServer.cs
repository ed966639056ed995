using System.Collections.Concurrent;
using QueryEngine.Engine.Catalog;
using QueryEngine.Metastore.Server;

namespace QueryEngine.Metastore.Tests.Hms;

/// <summary>An <see cref="HmsServer"/> on a free loopback port over a given catalog, collecting its log lines.</summary>
internal sealed class HmsTestServer : IDisposable
{
    private readonly ConcurrentQueue<string> _log = new();

    public HmsTestServer(ICatalog catalog, string warehouse, bool framed = false, int maxMessageBytes = 64 * 1024 * 1024, int maxConnections = 256)
    {
        Server = new HmsServer(catalog, new HmsServerOptions
        {
            Port = 0,
            Framed = framed,
            MaxMessageBytes = maxMessageBytes,
            MaxConnections = maxConnections,
            Warehouse = warehouse,
            Log = _log.Enqueue,
        });
        Server.Start();
    }

    public HmsServer Server { get; }

    public int Port => Server.Port;

    public string Log => string.Join("\n", _log);

    /// <summary>Waits (up to 10 s) until every connection has ended on the server side.</summary>
    public bool WaitForNoConnections()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Server.ConnectionCount > 0)
        {
            if (DateTime.UtcNow > deadline) return false;
            Thread.Sleep(20);
        }
        return true;
    }

    public void Dispose() => Server.Dispose();
}
