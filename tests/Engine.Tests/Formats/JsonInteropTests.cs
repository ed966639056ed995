using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using Xunit;

namespace QueryEngine.Engine.Tests.Formats;

/// <summary>
/// JSON lines written by DuckDB (npm @duckdb/node-api, pinned in tests/interop): our reader's aggregates over every
/// column equal DuckDB's own over the same data.
/// </summary>
public sealed class JsonInteropTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AggregatesOverDuckDbJsonLinesMatchDuckDb()
    {
        var (file, expected) = RunDuckDb();
        var session = new QuerySession(new InMemoryCatalog(), new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions());
        session.ExecuteScript($"""
            CREATE EXTERNAL TABLE t (id bigint, small int, big bigint, dbl double, dec decimal(12,2), txt string, day date,
              ts timestamp, flag boolean, nums array<int>, rec struct<a:int,b:string>)
            ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' LOCATION '{file}'
            """);
        var result = session.Execute("""
            SELECT count(*), count(small), sum(small), sum(big), count(dbl), sum(dbl), sum(dec), min(txt), max(txt),
                   sum(length(txt)), min(day), max(day), min(ts), max(ts), count_if(flag), count(nums), count(rec)
            FROM t
            """);
        string[] names = ["rows", "count_small", "sum_small", "sum_big", "count_dbl", "sum_dbl", "sum_dec", "min_txt", "max_txt",
            "sum_len_txt", "min_day", "max_day", "min_ts", "max_ts", "count_flag", "count_nums", "count_rec"];
        var batch = result.Batches.Single(b => b.RowCount == 1);
        for (var c = 0; c < names.Length; c++)
        {
            var ours = ValueFormatter.Format(batch.Columns[c], 0);
            var theirs = expected.GetProperty(names[c]).GetString()!;
            Assert.True(Same(ours, theirs), $"{names[c]}: QueryEngine {ours}, DuckDB {theirs}");
        }
    }

    /// <summary>Equal as text, as numbers within 1e-9 relative, or as timestamps without a zero fraction.</summary>
    private static bool Same(string ours, string theirs)
    {
        if (ours == theirs) return true;
        if (ours.EndsWith(".000000", StringComparison.Ordinal) && ours[..^7] == theirs) return true;
        if (double.TryParse(ours, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && double.TryParse(theirs, NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
        {
            return Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(b));
        }
        return false;
    }

    private (string File, JsonElement Aggregates) RunDuckDb()
    {
        var interop = Path.Combine(RepositoryRoot(), "tests", "interop");
        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = interop };
        start.ArgumentList.Add(Path.Combine(interop, "json", "duckdb-json-lines.mjs"));
        start.ArgumentList.Add(_dir.Path);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "DuckDB script timed out");
        Assert.True(process.ExitCode == 0, $"DuckDB script failed ({process.ExitCode}): {stderr.Result} (./test.sh installs tests/interop)");
        using var document = JsonDocument.Parse(stdout);
        return (document.RootElement.GetProperty("file").GetString()!, document.RootElement.GetProperty("aggregates").Clone());
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
