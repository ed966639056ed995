using System.Diagnostics;
using QueryEngine.Engine.Tests.SqlLogic;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>
/// The DuckDB-written Parquet corpus of tests/interop/parquet-corpus.mjs, generated once per test run into a temp
/// folder: each <c>name.parquet</c> with DuckDB's canonical rendering of its rows in <c>name.expected</c>.
/// </summary>
public sealed class ParquetCorpus : IDisposable
{
    private readonly TempDirectory _folder = new();

    public ParquetCorpus()
    {
        var script = Path.Combine(SltPaths.RepositoryRoot(), "tests", "interop", "parquet-corpus.mjs");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.GetDirectoryName(script)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(_folder.Path);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start node");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("parquet-corpus.mjs did not finish in 3 minutes");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"parquet-corpus.mjs failed ({process.ExitCode}); run ./test.sh (npm install --prefix tests/interop) first. {stderr.Result}");
        }
        Files = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToList();
    }

    /// <summary>The names of the generated files (without <c>.parquet</c>), in the order written.</summary>
    public IReadOnlyList<string> Files { get; }

    public string Folder => _folder.Path;

    public string PathOf(string name) => Path.Combine(_folder.Path, name + ".parquet");

    public string[] Expected(string name) => File.ReadAllLines(Path.Combine(_folder.Path, name + ".expected"));

    public void Dispose() => _folder.Dispose();
}
