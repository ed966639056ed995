using System.Diagnostics;
using QueryEngine.Engine.Tests.SqlLogic;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>Reads Parquet files with DuckDB (tests/interop/parquet-read.mjs): each file's rows in the canonical rendering.</summary>
public static class DuckDbReader
{
    public static Dictionary<string, List<string>> Read(IReadOnlyList<string> files)
    {
        var script = Path.Combine(SltPaths.RepositoryRoot(), "tests", "interop", "parquet-read.mjs");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.GetDirectoryName(script)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var f in files) start.ArgumentList.Add(f);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start node");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("parquet-read.mjs did not finish in 3 minutes");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"parquet-read.mjs failed ({process.ExitCode}): {stderr.Result}");
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
            else if (line.Length > 0 || current is { Count: >= 0 })
            {
                if (line.Length == 0) continue;
                current!.Add(line);
            }
        }
        return result;
    }
}
