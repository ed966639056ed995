using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace QueryEngine.Tpch.Bench;

/// <summary>
/// DuckDB in a long-lived <c>node tpch/duckdb/bench.mjs</c> process: one query name per line in, one JSON line with
/// its wall time out, so runs of both engines can alternate on the same cores.
/// </summary>
public sealed class DuckDbProcess : IDisposable
{
    private readonly Process _process;

    private DuckDbProcess(Process process) => _process = process;

    /// <summary>Starts the script (installing its pinned npm package first when missing) and waits until DuckDB is ready.</summary>
    /// <param name="queriesFolder">The folder of <c>&lt;name&gt;.sql</c> files beside the script's folder (<c>queries</c>, <c>scan-queries</c>).</param>
    public static DuckDbProcess Start(string script, string dataFolder, string format, int threads, TextWriter log, string queriesFolder = "queries")
    {
        var folder = EnsureInstalled(script, log);
        var queries = Path.GetFullPath(Path.Combine(folder, "..", queriesFolder));
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.GetFullPath(script), dataFolder, format, threads.ToString(CultureInfo.InvariantCulture), queries })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var duck = new DuckDbProcess(process);
        var first = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the DuckDB script ended before it was ready");
        using var ready = JsonDocument.Parse(first);
        if (!ready.RootElement.TryGetProperty("ready", out _)) throw new InvalidOperationException("unexpected first line from the DuckDB script: " + first);
        return duck;
    }

    /// <summary>
    /// Has DuckDB write dbgen's <c>lineitem.tbl</c> as Parquet with its defaults (<c>write-lineitem.mjs</c> beside the
    /// bench script), into a temporary name renamed to <paramref name="parquet"/> when complete.
    /// </summary>
    public static void WriteLineitemParquet(string script, string tbl, string parquet, int threads, TextWriter log)
    {
        var folder = EnsureInstalled(script, log);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(parquet))!);
        var partial = parquet + ".tmp";
        Run("node", [Path.Combine(folder, "write-lineitem.mjs"), tbl, partial, threads.ToString(CultureInfo.InvariantCulture)]);
        File.Move(partial, parquet, overwrite: true);
    }

    /// <summary>The script's folder, after installing its pinned npm package there when missing.</summary>
    private static string EnsureInstalled(string script, TextWriter log)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(script)) ?? ".";
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@duckdb", "node-api")))
        {
            log.WriteLine($"installing DuckDB for the comparison: npm install --prefix {folder}");
            Run("npm", ["install", "--prefix", folder, "--no-audit", "--no-fund"]);
        }
        return folder;
    }

    /// <summary>Runs one query; returns its wall time and row count, or throws with DuckDB's error.</summary>
    public (double Milliseconds, long Rows) Run(string query)
    {
        _process.StandardInput.WriteLine(query);
        _process.StandardInput.Flush();
        var line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the DuckDB script ended unexpectedly");
        using var answer = JsonDocument.Parse(line);
        var root = answer.RootElement;
        if (root.TryGetProperty("error", out var error)) throw new InvalidOperationException($"DuckDB failed on {query}: {error.GetString()}");
        return (root.GetProperty("ms").GetDouble(), root.GetProperty("rows").GetInt64());
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(10_000)) _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static void Run(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}");
    }
}
