using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using QueryEngine.Cli.Arguments;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Session;
using QueryEngine.FlightServer;
using QueryEngine.FlightServer.Grpc;

namespace QueryEngine.Cli.Commands;

/// <summary><c>qe serve</c>: Arrow Flight SQL over the warehouse until cancelled (Ctrl-C), then a graceful stop.</summary>
internal static class ServeRunner
{
    /// <summary>How long running calls may take to finish after Ctrl-C.</summary>
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(10);

    public static int Run(ServeCommand command, CliConsole console, CancellationToken cancellation) =>
        RunAsync(command, console, cancellation).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(ServeCommand command, CliConsole console, CancellationToken interrupted)
    {
        // Ctrl-C (the token) or SIGTERM (service managers, containers) stop the server gracefully.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(interrupted);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });
        var cancellation = stop.Token;
        var warehouse = Warehouse.Resolve(command.Warehouse, console.Environment, console.CurrentDirectory);
        var catalog = EngineServices.OpenMetastore(command.Metastore, console.Environment, warehouse, console.CurrentDirectory);
        using var lifetime = (IDisposable)catalog;
        if (command.Database is { } database && catalog.GetDatabase(database) is null)
        {
            throw CatalogRules.SchemaNotFound(database.ToLowerInvariant());
        }
        var session = new SessionOptions { Warehouse = warehouse, DefaultDatabase = command.Database ?? "default" };
        var output = TextWriter.Synchronized(console.Output);
        using var certificate = command.Tls is { } tls ? LoadCertificate(tls.Certificate, tls.Key, console.CurrentDirectory) : null;
        var options = new FlightSqlServerOptions
        {
            Grpc = new GrpcServerOptions { EndPoint = EndPoint(command.FlightHost, command.FlightPort), Certificate = certificate },
            User = command.User,
            Password = command.Password,
            QueryLog = output.WriteLine,
        };
        FlightSqlServer server;
        try
        {
            server = await FlightSqlServer.StartAsync(catalog, EngineServices.CreateTableSources(console.Environment), session, options, cancellation).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new StorageException($"cannot listen on {command.FlightHost}:{command.FlightPort}: {ex.Message}", ex);
        }
        await using (server.ConfigureAwait(false))
        {
            var auth = (command.User is null ? "no authentication" : $"user {command.User}") + (certificate is null ? ", cleartext" : ", TLS");
            output.WriteLine($"Flight SQL listening on {command.FlightHost}:{server.Port} (warehouse {warehouse}, {auth}); Ctrl-C stops");
            output.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            output.WriteLine("Stopping: finishing running calls");
            using var grace = new CancellationTokenSource(GracePeriod);
            await server.StopAsync(grace.Token).ConfigureAwait(false);
            output.WriteLine("Stopped");
            output.Flush();
        }
        return ExitCodes.Success;
    }

    private static X509Certificate2 LoadCertificate(string certificate, string key, string currentDirectory)
    {
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(Path.GetFullPath(certificate, currentDirectory), Path.GetFullPath(key, currentDirectory));
            // Re-imported so the private key is usable by the TLS stack on every platform.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new StorageException($"cannot load the TLS certificate {certificate} with key {key}: {ex.Message}", ex);
        }
    }

    private static IPEndPoint EndPoint(string host, int port)
    {
        if (IPAddress.TryParse(host, out var address)) return new IPEndPoint(address, port);
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return new IPEndPoint(IPAddress.Loopback, port);
        try
        {
            var resolved = Dns.GetHostAddresses(host);
            return new IPEndPoint(resolved.First(a => a.AddressFamily == AddressFamily.InterNetwork), port);
        }
        catch (Exception ex) when (ex is SocketException or InvalidOperationException)
        {
            throw new StorageException($"cannot resolve host '{host}': {ex.Message}", ex);
        }
    }
}
