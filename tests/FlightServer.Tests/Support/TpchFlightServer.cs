using System.Net;
using System.Text;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Tests.TestSupport;
using QueryEngine.Metastore.Store.Sqlite;
using QueryEngine.FlightServer.Grpc;
using Xunit;

namespace QueryEngine.FlightServer.Tests.Support;

/// <summary>
/// Our Flight SQL server on a free loopback port over a temporary SQLite warehouse whose database <c>tpch</c>
/// declares the SF 0.01 TPC-H tables on the shared kit's .tbl.gz files. Shared by the tests of a class.
/// </summary>
public sealed class TpchFlightServer : IAsyncLifetime, IDisposable
{
    public const string User = "analyst";
    public const string Password = "s3cret:pw";
    public const string Schema = "tpch";

    private readonly string _warehouse = Path.Combine(Path.GetTempPath(), $"qe-flight-{Environment.ProcessId}-{Guid.NewGuid():N}");
    private SqliteCatalog? _catalog;
    private FlightSqlServer? _server;

    public int Port => _server?.Port ?? throw new InvalidOperationException("not started");

    public List<string> Log { get; } = [];

    public async Task InitializeAsync()
    {
        _catalog = new SqliteCatalog(Path.Combine(_warehouse, SqliteCatalog.DefaultFileName));
        var sources = new FileTableSourceFactory(new LocalObjectStore());
        var options = new SessionOptions { Warehouse = _warehouse, DefaultDatabase = Schema };
        new QuerySession(_catalog, sources, options).ExecuteScript(TablesSql());
        _server = await FlightSqlServer.StartAsync(_catalog, sources, options, new FlightSqlServerOptions
        {
            Grpc = new GrpcServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), MaxReceiveMessageSize = 1024 * 1024 },
            User = User,
            Password = Password,
            QueryLog = line => { lock (Log) Log.Add(line); },
        });
    }

    /// <summary>The graceful stop <c>qe serve</c> does on Ctrl-C: no new calls; running ones until the token fires.</summary>
    public Task StopAsync(CancellationToken grace) => (_server ?? throw new InvalidOperationException("not started")).StopAsync(grace);

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _catalog?.Dispose();
        try
        {
            Directory.Delete(_warehouse, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public void Dispose() => _catalog?.Dispose();

    private static string TablesSql()
    {
        var sb = new StringBuilder($"CREATE DATABASE {Schema};\n");
        var data = Path.Combine(SharedData.TpchRoot, "data", "sf0.01");
        foreach (var (table, columns) in Engine.Tests.Tpch.TpchData.Schema())
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"CREATE EXTERNAL TABLE {Schema}.{table} ({string.Join(", ", columns.Select(c => c.Name + " " + c.HiveType))})\n")
              .Append("ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' STORED AS TEXTFILE\n")
              .Append(System.Globalization.CultureInfo.InvariantCulture, $"LOCATION '{Path.Combine(data, table + ".tbl.gz")}';\n");
        }
        return sb.ToString();
    }
}
