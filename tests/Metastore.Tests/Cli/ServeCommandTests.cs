using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using QueryEngine.Cli;
using QueryEngine.Cli.Arguments;
using Xunit;

namespace QueryEngine.Metastore.Tests.Cli;

/// <summary><c>qe serve</c>: its options, and a real server answering a gRPC call until cancelled.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public void DefaultsAndOptions()
    {
        var plain = Assert.IsType<ServeCommand>(CommandLineParser.Parse(["serve"], inputRedirected: false));
        Assert.Equal(("127.0.0.1", 31337, (string?)null), (plain.FlightHost, plain.FlightPort, plain.User));
        var full = Assert.IsType<ServeCommand>(CommandLineParser.Parse(
            ["serve", "--warehouse", "/w", "--database", "tpch", "--flight=0.0.0.0:4000", "--user", "ann", "--password", "pw"], inputRedirected: false));
        Assert.Equal(("/w", "tpch", "0.0.0.0", 4000, "ann", "pw"), (full.Warehouse, full.Database, full.FlightHost, full.FlightPort, full.User, full.Password));
        Assert.Null(full.Tls);
        var tls = Assert.IsType<ServeCommand>(CommandLineParser.Parse(["serve", "--tls-cert", "c.pem", "--tls-key", "k.pem"], inputRedirected: false));
        Assert.Equal(("c.pem", "k.pem"), tls.Tls);
        var more = Assert.IsType<ServeCommand>(CommandLineParser.Parse(
            ["serve", "--metastore", "postgres://u@h/db", "--users", "users.txt", "--ipc-compression", "zstd"], inputRedirected: false));
        Assert.Equal(("postgres://u@h/db", "users.txt", "zstd"), (more.Metastore, more.UsersFile, more.IpcCompression));
        Assert.Equal(((string, int)?)null, plain.Hms);
        Assert.False(plain.HmsDisabled);
        var hms = Assert.IsType<ServeCommand>(CommandLineParser.Parse(["serve", "--hms", "0.0.0.0:19083"], inputRedirected: false));
        Assert.Equal(("0.0.0.0", 19083), hms.Hms);
        var off = Assert.IsType<ServeCommand>(CommandLineParser.Parse(["serve", "--hms", "OFF"], inputRedirected: false));
        Assert.True(off.HmsDisabled);
        Assert.Null(off.Hms);
    }

    [Theory]
    [InlineData("--user", "ann")]
    [InlineData("--password", "pw")]
    [InlineData("--flight", "localhost")]
    [InlineData("--flight", "host:99999")]
    [InlineData("--port", "1")]
    [InlineData("--tls-cert", "server.pem")]
    [InlineData("--tls-key", "server.key")]
    [InlineData("--ipc-compression", "brotli")]
    [InlineData("--metastore", "")]
    [InlineData("--hms", "9083")]
    [InlineData("--hms", "on")]
    public void BadOptionsAreUsageErrors(string option, string value) =>
        Assert.Throws<UsageException>(() => CommandLineParser.Parse(["serve", option, value], inputRedirected: false));

    [Fact]
    public async Task ServesFlightUntilCancelled()
    {
        var warehouse = Path.Combine(Path.GetTempPath(), $"qe-serve-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var output = new LockedWriter();
        var console = new CliConsole(TextReader.Null, false, output, new LockedWriter(), _ => null, Path.GetTempPath());
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => CliApplication.Run(["serve", "--warehouse", warehouse, "--flight", "127.0.0.1:0"], console, stop.Token));
        try
        {
            var port = await WaitForPort(output, run);
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/arrow.flight.protocol.FlightService/ListActions")
            {
                Content = new ByteArrayContent(new byte[5]), // one empty message: flag 0, length 0
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact, // cleartext HTTP/2 with prior knowledge
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
            request.Headers.TE.ParseAdd("trailers");
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.True(response.TrailingHeaders.TryGetValues("grpc-status", out var status),
                $"HTTP {(int)response.StatusCode} {response.Version}; headers: {response.Headers}; trailers: {response.TrailingHeaders}; body {body.Length} bytes");
            Assert.Equal("0", status.Single());
            var messages = 0;
            for (var at = 0; at + 5 <= body.Length; at += 5 + (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(at + 1))) messages++;
            Assert.True(messages >= 2, $"{messages} action types listed"); // at least the two prepared statement actions
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(ExitCodes.Success, await run);
            Directory.Delete(warehouse, recursive: true);
        }
        Assert.Contains("Stopped", output.Text(), StringComparison.Ordinal);
    }

    /// <summary>
    /// --metastore (a SQLite file outside the warehouse) is the catalog served, and --users lets each listed user in
    /// (and only them); checked with grpc-js driving Handshake and a query.
    /// </summary>
    [Fact]
    public async Task ServesTheGivenMetastoreToTheListedUsers()
    {
        var root = Path.Combine(Path.GetTempPath(), $"qe-serve-ms-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var metastore = Path.Combine(root, "elsewhere", "catalog.db");
        var usersFile = Path.Combine(root, "users.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(metastore)!);
        File.WriteAllText(usersFile, "# who may connect\nann:first:pw\n\nbob:second\n");
        var quiet = new CliConsole(TextReader.Null, false, new LockedWriter(), new LockedWriter(), _ => null, root);
        Assert.Equal(ExitCodes.Success, CliApplication.Run(
            ["sql", "--warehouse", Path.Combine(root, "wh"), "--metastore", metastore, "-e", "CREATE DATABASE only_in_that_metastore"], quiet, CancellationToken.None));
        var output = new LockedWriter();
        var console = new CliConsole(TextReader.Null, false, output, new LockedWriter(), v => v == "QE_METASTORE" ? "/nonexistent/ignored.db" : null, root);
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => CliApplication.Run(
            ["serve", "--warehouse", Path.Combine(root, "wh"), "--metastore", metastore, "--users", usersFile, "--flight", "127.0.0.1:0"], console, stop.Token));
        try
        {
            var port = await WaitForPort(output, run);
            Assert.Contains("2 users", output.Text(), StringComparison.Ordinal);
            var (exit, stdout, stderr) = RunNode("flight-users-check.mjs",
                port.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.Combine(RepositoryRoot(), "src", "FlightServer", "Protos"),
                "ann", "first:pw", "bob", "second");
            Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
            Assert.Contains("only_in_that_metastore", stdout, StringComparison.Ordinal);
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(ExitCodes.Success, await run);
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// One <c>qe serve</c> also serves the Hive Metastore Thrift API over the same catalog: a database created by SQL
    /// before the start is listed over Thrift, and one created over Thrift is then visible to SQL.
    /// </summary>
    [Fact]
    public async Task ServesTheHiveMetastoreApiOverTheSameCatalog()
    {
        var root = Path.Combine(Path.GetTempPath(), $"qe-serve-hms-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var warehouse = Path.Combine(root, "wh");
        Directory.CreateDirectory(root);
        var quiet = new CliConsole(TextReader.Null, false, new LockedWriter(), new LockedWriter(), _ => null, root);
        Assert.Equal(ExitCodes.Success, CliApplication.Run(["sql", "--warehouse", warehouse, "-e", "CREATE DATABASE made_by_sql"], quiet, CancellationToken.None));
        var output = new LockedWriter();
        var console = new CliConsole(TextReader.Null, false, output, new LockedWriter(), _ => null, root);
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => CliApplication.Run(["serve", "--warehouse", warehouse, "--flight", "127.0.0.1:0", "--hms", "127.0.0.1:0"], console, stop.Token));
        try
        {
            await WaitForPort(output, run);
            const string marker = "thrift://127.0.0.1:";
            var text = output.Text();
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            Assert.True(at >= 0, text);
            var hmsPort = int.Parse(text.AsSpan(at + marker.Length).ToString().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            using (var client = new Hms.HmsTestClient(hmsPort))
            {
                Assert.Contains("made_by_sql", client.GetAllDatabases());
                var (header, body) = client.Call("create_database", w =>
                {
                    w.WriteFieldBegin(Engine.Thrift.ThriftType.Struct, 1);
                    w.WriteFieldBegin(Engine.Thrift.ThriftType.String, 1);
                    w.WriteString("made_over_thrift");
                    w.WriteFieldStop();
                });
                Assert.Equal(Engine.Thrift.ThriftMessageType.Reply, header.Type);
                Assert.Null(Hms.HmsTestClient.ReadException(body).Message);
            }
            var sqlOutput = new LockedWriter();
            var sql = new CliConsole(TextReader.Null, false, sqlOutput, new LockedWriter(), _ => null, root);
            Assert.Equal(ExitCodes.Success, CliApplication.Run(["sql", "--warehouse", warehouse, "--format", "csv", "-e", "SHOW DATABASES"], sql, CancellationToken.None));
            Assert.Contains("made_over_thrift", sqlOutput.Text(), StringComparison.Ordinal);
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(ExitCodes.Success, await run);
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// <c>qe serve --s3-endpoint</c> pointing at nothing: a query over an s3:// table fails with a status whose message
    /// names the location and the endpoint, and the server goes on answering.
    /// </summary>
    [Fact]
    public async Task AnUnreachableS3EndpointIsAClearErrorAndTheServerGoesOn()
    {
        var root = Path.Combine(Path.GetTempPath(), $"qe-serve-s3-{Environment.ProcessId}-{Guid.NewGuid():N}");
        int closedPort;
        using (var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var endpoint = $"http://127.0.0.1:{closedPort}";
        var environment = (string name) => name switch { "AWS_ACCESS_KEY_ID" or "AWS_SECRET_ACCESS_KEY" => "S3RVER", _ => null };
        var quiet = new CliConsole(TextReader.Null, false, new LockedWriter(), new LockedWriter(), environment, root);
        Assert.Equal(ExitCodes.Success, CliApplication.Run(
            ["sql", "--warehouse", root, "-e", "CREATE EXTERNAL TABLE far (x int) LOCATION 's3://lake/far/'"], quiet, CancellationToken.None));
        var output = new LockedWriter();
        var console = new CliConsole(TextReader.Null, false, output, new LockedWriter(), environment, root);
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => CliApplication.Run(["serve", "--warehouse", root, "--flight", "127.0.0.1:0", "--hms", "off", "--s3-endpoint", endpoint], console, stop.Token));
        try
        {
            var port = await WaitForPort(output, run);
            var (exit, stdout, stderr) = RunNode("flight-statement-outcomes.mjs",
                port.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.Combine(RepositoryRoot(), "src", "FlightServer", "Protos"),
                "SELECT * FROM far", "SELECT 1");
            Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
            var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("error 14 Storage error: cannot list s3://lake/far/: the S3 endpoint could not be reached: ", lines[0], StringComparison.Ordinal);
            Assert.EndsWith($"(endpoint {endpoint})", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("ok ", lines[1], StringComparison.Ordinal);
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(ExitCodes.Success, await run);
            Directory.Delete(root, recursive: true);
        }
    }

    private static (int Exit, string Output, string Error) RunNode(string script, params string[] args)
    {
        var interop = Path.Combine(RepositoryRoot(), "tests", "interop");
        var start = new System.Diagnostics.ProcessStartInfo("node") { WorkingDirectory = interop, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(interop, script));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish in 2 minutes");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QueryEngine.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("QueryEngine.sln not found above " + AppContext.BaseDirectory);
    }

    private static async Task<int> WaitForPort(LockedWriter output, Task<int> run)
    {
        const string marker = "listening on 127.0.0.1:";
        for (var i = 0; i < 300 && !run.IsCompleted; i++)
        {
            var text = output.Text();
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0) return int.Parse(text.AsSpan(at + marker.Length).TrimEnd().ToString().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            await Task.Delay(100);
        }
        throw new InvalidOperationException("qe serve did not start: " + output.Text());
    }

    /// <summary>A StringWriter that may be read while another thread writes.</summary>
    private sealed class LockedWriter : StringWriter
    {
        private readonly Lock _gate = new();

        public override void Write(char value)
        {
            lock (_gate) base.Write(value);
        }

        public override void Write(string? value)
        {
            lock (_gate) base.Write(value);
        }

        public override void WriteLine(string? value)
        {
            lock (_gate) base.WriteLine(value);
        }

        public string Text()
        {
            lock (_gate) return ToString();
        }
    }
}
