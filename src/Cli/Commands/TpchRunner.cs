using System.Globalization;
using QueryEngine.Cli.Arguments;
using QueryEngine.Tpch;
using QueryEngine.Tpch.Bench;

namespace QueryEngine.Cli.Commands;

/// <summary><c>qe tpch generate</c> and <c>qe tpch bench</c>.</summary>
internal static class TpchRunner
{
    public static int Generate(TpchGenerateCommand command, CliConsole console, CancellationToken cancellation)
    {
        var output = Path.GetFullPath(command.Output, console.CurrentDirectory);
        var generator = new TpchDataGenerator(command.ScaleFactor);
        var started = DateTime.UtcNow;
        Action<TpchTableResult> report = done => console.Output.Write(string.Create(CultureInfo.InvariantCulture,
            $"{TpchTables.Name(done.Table),-9} {done.Rows,12:N0} rows  {done.Elapsed.TotalSeconds,6:0.00} s  {done.Path}\n"));
        if (command.Format == TpchFormat.Parquet)
        {
            TpchParquetConverter.Generate(generator, output, command.Tables, report, cancellation);
        }
        else if (command.Format == TpchFormat.Csv)
        {
            generator.GenerateCsvToDirectory(output, command.Tables, report, cancellation);
        }
        else
        {
            generator.GenerateToDirectory(output, command.Tables, report, cancellation);
        }
        console.Output.Write(string.Create(CultureInfo.InvariantCulture, $"TPC-H SF {command.ScaleFactor} written to {output} in {(DateTime.UtcNow - started).TotalSeconds:0.00} s\n"));
        return ExitCodes.Success;
    }

    public static int Bench(TpchBenchCommand command, CliConsole console, CancellationToken cancellation)
    {
        var sf = command.ScaleFactor.ToString(CultureInfo.InvariantCulture);
        var data = command.Data is { } given
            ? Path.GetFullPath(given, console.CurrentDirectory)
            : Path.Combine(
                Warehouse.Resolve(command.Warehouse, console.Environment, console.CurrentDirectory),
                "tpch-data",
                "sf" + sf + (command.LineitemScan ? "-duckdb-lineitem" : command.Format == TpchFormat.Parquet ? "-parquet" : ""));
        if (command.LineitemScan && !command.VersusDuckDb && !File.Exists(TpchParquetConverter.TablePath(data, TpchTable.LineItem)))
        {
            throw new UsageException($"--queries scan reads {TpchParquetConverter.TablePath(data, TpchTable.LineItem)}, written by DuckDB: add --vs duckdb to write it", "tpch");
        }
        string? script = null;
        if (command.VersusDuckDb)
        {
            script = command.DuckDbScript is { } path ? Path.GetFullPath(path, console.CurrentDirectory) : FindDuckDbScript(console.CurrentDirectory);
            if (script is null || !File.Exists(script))
            {
                throw new UsageException("--vs duckdb needs tpch/duckdb/bench.mjs from the QueryEngine repository: run qe from the repository or give --duckdb-script FILE", "tpch");
            }
        }
        var options = new TpchBenchOptions(
            command.ScaleFactor,
            data,
            command.Queries,
            command.Runs,
            command.Answers is { } answers ? Path.GetFullPath(answers, console.CurrentDirectory) : null,
            command.Threads,
            script,
            command.Format,
            command.Memory is { } memory ? memory.Apply(Engine.Execution.Memory.MemorySettings.Default) : null,
            command.LineitemScan);
        var timings = new TpchBenchmark(options, console.Error).Run(cancellation);
        BenchReport.Write(console.Output, options, timings);
        var failed = timings.Any(t => t.Error is not null || t.Answer.StartsWith("FAIL", StringComparison.Ordinal));
        return failed ? ExitCodes.QueryFailed : ExitCodes.Success;
    }

    /// <summary>tpch/duckdb/bench.mjs in the current folder or above it, else above qe's own folder (./qe builds into the repository).</summary>
    private static string? FindDuckDbScript(string currentDirectory)
    {
        foreach (var start in new[] { currentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tpch", "duckdb", "bench.mjs");
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
