using System.Net;
using System.Net.Sockets;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Storage.S3;
using QueryEngine.Engine.Tests.TestSupport;
using QueryEngine.FlightServer.Grpc;
using QueryEngine.FlightServer.Tests.Support;
using QueryEngine.Metastore.Store.Sqlite;
using Xunit;

namespace QueryEngine.FlightServer.Tests.Storage;

/// <summary>
/// Storage failures over Flight SQL carry the status that says what went wrong, and the location, not INTERNAL:
/// a missing bucket or file is NOT_FOUND, an S3 endpoint nobody listens on is UNAVAILABLE
/// (tests/interop/flight-storage-status.mjs with @grpc/grpc-js, against s3rver).
/// </summary>
public sealed class StorageErrorStatusTests : IDisposable
{
    private const int NotFound = 5;
    private const int Unavailable = 14;

    private readonly S3rverFixture _s3 = new();
    private readonly string _warehouse = Path.Combine(Path.GetTempPath(), $"qe-flight-storage-{Guid.NewGuid():N}");

    [Fact]
    public async Task StorageFailuresMapToTheirStatus()
    {
        using var catalog = new SqliteCatalog(Path.Combine(_warehouse, SqliteCatalog.DefaultFileName));
        var stores = new ObjectStoreResolver()
            .Register("s3", new S3ObjectStore(_s3.Settings))
            // s3a: an endpoint where nothing listens (a port just freed), tried once.
            .Register("s3a", new S3ObjectStore(_s3.Settings with { Endpoint = $"http://127.0.0.1:{ClosedPort()}", MaxRetries = 0, RequestTimeout = TimeSpan.FromSeconds(10) }));
        var sources = new FileTableSourceFactory(stores);
        var options = new SessionOptions { Warehouse = _warehouse, DefaultDatabase = "default" };
        new QuerySession(catalog, sources, options).ExecuteScript("""
            CREATE DATABASE IF NOT EXISTS default;
            CREATE EXTERNAL TABLE in_missing_bucket (a int) STORED AS PARQUET LOCATION 's3://no-such-bucket/t/';
            CREATE EXTERNAL TABLE on_dead_endpoint (a int) STORED AS PARQUET LOCATION 's3a://lake/t/';
            """);
        await using var server = await FlightSqlServer.StartAsync(catalog, sources, options, new FlightSqlServerOptions
        {
            Grpc = new GrpcServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) },
            Stores = stores,
        });
        var protos = Path.Combine(NodeScript.RepositoryRoot(), "src", "FlightServer", "Protos");
        var missingFile = Path.Combine(_warehouse, "nowhere", "gone.parquet");
        var (exit, output, error) = NodeScript.Run("flight-storage-status.mjs",
            server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), protos,
            $"{NotFound}|s3://no-such-bucket/t/|SELECT count(*) FROM in_missing_bucket",
            $"{NotFound}|s3://no-such-bucket/x.parquet|SELECT * FROM read_parquet('s3://no-such-bucket/x.parquet')",
            $"{NotFound}|{missingFile}|SELECT * FROM read_parquet('{missingFile}')",
            $"{Unavailable}|s3a://lake/t/|SELECT count(*) FROM on_dead_endpoint");
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        Assert.Equal(4, output.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
    }

    public void Dispose()
    {
        _s3.Dispose();
        try
        {
            Directory.Delete(_warehouse, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
