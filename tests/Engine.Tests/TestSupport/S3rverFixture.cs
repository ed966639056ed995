using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using QueryEngine.Engine.Storage.S3;

namespace QueryEngine.Engine.Tests.TestSupport;

/// <summary>
/// An S3 server for the tests: npm <c>s3rver</c> (pinned in tests/interop, installed by test.sh) on a free loopback
/// port over a temporary folder, with bucket <see cref="Bucket"/> created at start; stopped and removed on dispose.
/// </summary>
public sealed class S3rverFixture : IDisposable
{
    public const string Bucket = "lake";

    private readonly Process _process;
    private readonly string _directory;

    public S3rverFixture()
    {
        var script = Path.Combine(RepositoryRoot(), "tests", "interop", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script)) throw new InvalidOperationException($"{script} is missing: ./test.sh installs tests/interop (npm install --prefix tests/interop)");
        _directory = Path.Combine(Path.GetTempPath(), "qe-s3rver-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        Port = FreePort();
        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        // s3rver makes continuation tokens with DES, which Node's OpenSSL 3 offers only through its legacy provider.
        foreach (var argument in new[] { "--openssl-legacy-provider", script, "-d", _directory, "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent", "--configure-bucket", Bucket })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilListening();
        // s3rver creates the bucket just after it starts listening: wait until a list succeeds.
        using var store = NewStore();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                store.List($"s3://{Bucket}/", recursive: false);
                break;
            }
            catch (Common.StorageException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>Settings for this server (s3rver accepts any well-formed signature with its default keys).</summary>
    public S3Settings Settings => new()
    {
        Endpoint = Endpoint,
        PathStyle = true,
        AccessKey = "S3RVER",
        SecretKey = "S3RVER",
        MaxRetries = 1,
        RequestTimeout = TimeSpan.FromSeconds(30),
    };

    public S3ObjectStore NewStore(S3Settings? settings = null) => new(settings ?? Settings);

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }

    private void WaitUntilListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"s3rver exited with {_process.ExitCode}");
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        throw new TimeoutException("s3rver did not start listening within 30 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QueryEngine.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("QueryEngine.sln not found above " + AppContext.BaseDirectory);
    }
}
