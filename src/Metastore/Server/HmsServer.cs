using System.Net;
using System.Net.Sockets;
using QueryEngine.Engine.Catalog;
using QueryEngine.Metastore.Hms.Service;

namespace QueryEngine.Metastore.Server;

/// <summary>
/// The Hive Metastore Thrift server: Hive's <c>ThriftHiveMetastore</c> service over the binary protocol, on a
/// buffered socket (or framed transport), one thread per connection, over any <see cref="ICatalog"/>.
/// Trino (<c>hive.metastore.uri=thrift://host:9083</c>), Spark and Hive's own clients can use our tables.
/// <see cref="Start"/> binds and begins accepting; <see cref="Dispose"/> stops listening and closes every connection.
/// </summary>
public sealed class HmsServer : IDisposable
{
    private readonly HmsServerOptions _options;
    private readonly HmsDispatcher _dispatcher;
    private readonly Lock _lock = new();
    private readonly HashSet<Socket> _connections = [];
    private TcpListener? _listener;
    private Thread? _acceptThread;
    private bool _stopped;

    public HmsServer(ICatalog catalog, HmsServerOptions options)
    {
        _options = options;
        var methods = HmsMethodTable.Create(new HmsContext(catalog, options.Warehouse));
        _dispatcher = new HmsDispatcher(methods, options.Log);
    }

    /// <summary>The port listened on (the chosen one when <see cref="HmsServerOptions.Port"/> is 0).</summary>
    public int Port { get; private set; }

    /// <summary>Connections open right now.</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_lock) return _connections.Count;
        }
    }

    /// <summary>Binds the port and starts accepting connections in the background.</summary>
    public void Start()
    {
        var listener = new TcpListener(_options.Address, _options.Port);
        listener.Start();
        _listener = listener;
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "hms-accept" };
        _acceptThread.Start();
    }

    /// <summary>Blocks until <paramref name="cancellation"/> fires, then stops the server.</summary>
    public void RunUntilCancelled(CancellationToken cancellation)
    {
        cancellation.WaitHandle.WaitOne();
        Dispose();
    }

    public void Dispose()
    {
        Socket[] open;
        lock (_lock)
        {
            if (_stopped) return;
            _stopped = true;
            open = [.. _connections];
        }
        _listener?.Stop();
        foreach (var socket in open) socket.Dispose();
        _acceptThread?.Join(TimeSpan.FromSeconds(5));
        // Let the connection threads finish their current call before the caller disposes the catalog.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (ConnectionCount > 0 && DateTime.UtcNow < deadline) Thread.Sleep(10);
    }

    private void AcceptLoop()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = _listener!.AcceptSocket();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                lock (_lock)
                {
                    if (_stopped) return;
                }
                _options.Log($"HMS accept failed: {ex.Message}");
                continue;
            }
            lock (_lock)
            {
                if (_stopped)
                {
                    socket.Dispose();
                    return;
                }
                if (_connections.Count >= _options.MaxConnections)
                {
                    _options.Log($"HMS connection from {socket.RemoteEndPoint} refused: {_options.MaxConnections} connections already open");
                    socket.Dispose();
                    continue;
                }
                _connections.Add(socket);
            }
            var connection = new HmsConnection(socket, _dispatcher, _options);
            var thread = new Thread(() =>
            {
                try
                {
                    connection.Run();
                }
                finally
                {
                    lock (_lock) _connections.Remove(socket);
                }
            })
            { IsBackground = true, Name = "hms-connection" };
            thread.Start();
        }
    }
}
