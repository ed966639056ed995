using System.Diagnostics;
using QueryEngine.Engine.Tests.SqlLogic;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>Runs DuckDB (and arrow-rs, see <see cref="ReadWithArrowRs"/>) on Parquet files: each file's rows in the canonical rendering (tests/interop/parquet-read.mjs), or single values of SQL statements (parquet-query.mjs).</summary>
public static class DuckDbReader
{
    /// <summary>The first value of each statement's result, as DuckDB prints it.</summary>
    public static List<string> Query(IReadOnlyList<string> statements) =>
        Run("parquet-query.mjs", statements).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

    public static Dictionary<string, List<string>> Read(IReadOnlyList<string> files) => Listing(Run("parquet-read.mjs", files));

    /// <summary>
    /// Each file's rows in the canonical rendering as arrow-rs's Parquet reader (npm parquet-wasm) reads them
    /// (tests/interop/parquet-arrow-rs-read.mjs): a second independent reader beside DuckDB.
    /// </summary>
    public static Dictionary<string, List<string>> ReadWithArrowRs(IReadOnlyList<string> files) => Listing(Run("parquet-arrow-rs-read.mjs", files));

    private static Dictionary<string, List<string>> Listing(string stdout)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var line in stdout.Split('\n'))
        {
            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                var rest = line[2..];
                current = [];
                result[rest[..rest.LastIndexOf(' ')]] = current;
            }
            else if (line.Length > 0)
            {
                current!.Add(line);
            }
        }
        return result;
    }

    private static string Run(string scriptName, IReadOnlyList<string> arguments)
    {
        var script = Path.Combine(SltPaths.RepositoryRoot(), "tests", "interop", scriptName);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.GetDirectoryName(script)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start node");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{scriptName} did not finish in 3 minutes");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"{scriptName} failed ({process.ExitCode}): {stderr.Result}");
        return stdout;
    }
}
