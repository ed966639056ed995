using System.Diagnostics;

namespace QueryEngine.Metastore.Tests.Crawlers;

/// <summary>Runs a script of tests/interop (installed by test.sh) with node and returns its standard output.</summary>
internal static class NodeScripts
{
    public static string Run(string scriptName, params IReadOnlyList<string> arguments)
    {
        var script = Path.Combine(RepositoryRoot(), "tests", "interop", scriptName);
        var start = new ProcessStartInfo("node") { WorkingDirectory = Path.GetDirectoryName(script)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
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

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QueryEngine.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("QueryEngine.sln not found above " + AppContext.BaseDirectory);
    }
}
