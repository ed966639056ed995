using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace QueryEngine.Metastore.Tests.Store.Postgres;

/// <summary>
/// A throw-away PostgreSQL cluster for the tests: <c>initdb</c> into a temporary folder, <c>pg_ctl start</c> on a free
/// loopback port with its unix socket in that folder, trust authentication for the superuser <c>qe</c>; stopped and
/// deleted on dispose. Running as root, the cluster belongs to the <c>postgres</c> user that Debian's package creates
/// and every server command runs through <c>runuser -u postgres</c>. Fails (never skips) when PostgreSQL is missing.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string SuperUser = "qe";
    private readonly string _root;
    private readonly string _data;
    private readonly string _bin;
    private readonly bool _asPostgresUser;

    public PostgresServer()
    {
        _bin = FindBinaries();
        _asPostgresUser = Environment.UserName == "root";
        // As root the folder must be reachable by the postgres user (and the socket path short): plain /tmp.
        _root = Path.Combine(_asPostgresUser ? "/tmp" : Path.GetTempPath(), "qe-pg-" + Guid.NewGuid().ToString("N")[..12]);
        _data = Path.Combine(_root, "data");
        Directory.CreateDirectory(_root);
        try
        {
            if (_asPostgresUser) Run("chown", ["postgres:postgres", _root], asPostgres: false);
            Port = FreePort();
            Run(Path.Combine(_bin, "initdb"), ["-D", _data, "-U", SuperUser, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], asPostgres: _asPostgresUser);
            Run(
                Path.Combine(_bin, "pg_ctl"),
                ["-D", _data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
                 "-o", $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200", "start"],
                asPostgres: _asPostgresUser);
        }
        catch
        {
            Cleanup();
            throw;
        }
        AdminConnectionString = ConnectionString("postgres");
    }

    public int Port { get; }

    public string AdminConnectionString { get; }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database,
        Pooling = true,
    }.ConnectionString;

    /// <summary>Creates an empty database with a fresh name and returns its name.</summary>
    public string CreateDatabase()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        Execute($"CREATE DATABASE {name}");
        return name;
    }

    public void DropDatabase(string name) => Execute($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    public void Dispose() => Cleanup();

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void Cleanup()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(_data, "postmaster.pid")))
        {
            try
            {
                Run(Path.Combine(_bin, "pg_ctl"), ["-D", _data, "-m", "immediate", "-w", "stop"], asPostgres: _asPostgresUser);
            }
            catch (InvalidOperationException)
            {
                // Already stopped; the folder goes anyway.
            }
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string FindBinaries()
    {
        var roots = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        var bin = roots.Select(r => Path.Combine(r, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
            .OrderByDescending(b => b, StringComparer.Ordinal).FirstOrDefault();
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): ./test.sh installs the Debian package 'postgresql' (apt-get install -y postgresql)");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void Run(string program, string[] args, bool asPostgres)
    {
        var info = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var a in (string[])["-u", "postgres", "--", program]) info.ArgumentList.Add(a);
        }
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', args)} failed with exit code {process.ExitCode}: {error}{output.Result}");
        }
    }
}
