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
using QueryEngine.Metastore.Crawlers.Definitions;
using QueryEngine.Metastore.Crawlers.Scheduling;
using QueryEngine.Metastore.Server;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Columnar.Ipc;

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
        var users = command.UsersFile is { } usersFile ? UsersFile.Read(Path.GetFullPath(usersFile, console.CurrentDirectory)) : null;
        if (command.Database is { } database && catalog.GetDatabase(database) is null)
        {
            throw CatalogRules.SchemaNotFound(database.ToLowerInvariant());
        }
        var session = new SessionOptions
        {
            Warehouse = warehouse,
            DefaultDatabase = command.Database ?? "default",
            Procedures = EngineServices.Procedures,
            Memory = command.Memory.Apply(Engine.Execution.Memory.MemorySettings.Default),
        };
        var stores = EngineServices.CreateStores(console.Environment);
        var output = TextWriter.Synchronized(console.Output);
        using var certificate = command.Tls is { } tls ? LoadCertificate(tls.Certificate, tls.Key, console.CurrentDirectory) : null;
        var options = new FlightSqlServerOptions
        {
            Grpc = new GrpcServerOptions { EndPoint = EndPoint(command.FlightHost, command.FlightPort), Certificate = certificate },
            User = command.User,
            Password = command.Password,
            Users = users,
            Stores = stores,
            ResultCompression = IpcCompressionNames.Parse(command.IpcCompression) ?? IpcCompression.None,
            QueryLog = output.WriteLine,
        };
        FlightSqlServer server;
        try
        {
            EngineServices.RecoverWrites(catalog, stores, warehouse);
            server = await FlightSqlServer.StartAsync(catalog, new FileTableSourceFactory(stores), session, options, cancellation).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new StorageException($"cannot listen on {command.FlightHost}:{command.FlightPort}: {ex.Message}", ex);
        }
        await using (server.ConfigureAwait(false))
        {
            var userCount = (users?.Count ?? 0) + (command.User is null || users?.ContainsKey(command.User) == true ? 0 : 1);
            var auth = (userCount == 0 ? "no authentication" : userCount == 1 && command.User is not null ? $"user {command.User}" : $"{userCount} users")
                + (certificate is null ? ", cleartext" : ", TLS");
            output.WriteLine($"Flight SQL listening on {command.FlightHost}:{server.Port} (warehouse {warehouse}, {auth}); Ctrl-C stops");
            using var metastoreServer = StartHms(command, catalog, warehouse, output);
            var crawlers = StartCrawlers(command, catalog, stores, output, cancellation);
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
            // Its token is the server's: crawls going on are cancelled and recorded as CANCELLED.
            await crawlers.ConfigureAwait(false);
            output.WriteLine("Stopped");
            output.Flush();
        }
        return ExitCodes.Success;
    }

    /// <summary>
    /// The Hive Metastore Thrift API over the same catalog (see <c>qe hms</c>), unless turned off. The default port,
    /// 9083, being taken is not fatal (another metastore may own it): the server says so and serves Flight SQL alone.
    /// </summary>
    private static HmsServer? StartHms(ServeCommand command, ICatalog catalog, string warehouse, TextWriter output)
    {
        if (command.HmsDisabled) return null;
        var (host, port) = command.Hms ?? ("127.0.0.1", HmsServerOptions.DefaultPort);
        var endpoint = new HmsEndpoint(host, EndPoint(host, port).Address, port, Framed: false);
        if (!HmsListener.TryStart(catalog, endpoint, warehouse, output.WriteLine, out var server, out var error))
        {
            if (command.Hms is not null) throw HmsListener.BindError(endpoint, error);
            output.WriteLine($"Hive Metastore Thrift API not started: {host}:{port} is taken ({error.Message}); --hms HOST:PORT picks another, --hms off silences this");
            return null;
        }
        output.WriteLine(HmsListener.Banner(endpoint, server));
        return server;
    }

    /// <summary>
    /// Stored crawlers in the background (<see cref="CrawlerService"/>): schedules and event mode, one line logged per
    /// run, until <paramref name="cancellation"/> fires; unless given --no-scheduler.
    /// </summary>
    private static Task StartCrawlers(ServeCommand command, ICatalog catalog, ObjectStoreResolver stores, TextWriter output, CancellationToken cancellation)
    {
        if (command.NoScheduler || catalog is not ICrawlerStore crawlerStore) return Task.CompletedTask;
        var service = new CrawlerService(catalog, crawlerStore, stores.Resolve, line => { output.WriteLine(line); output.Flush(); }, TimeProvider.System);
        output.WriteLine("Crawler scheduler on: stored crawlers run on their schedules, event-mode ones on new files (--no-scheduler turns it off)");
        return Task.Run(() => service.RunAsync(cancellation), CancellationToken.None);
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
