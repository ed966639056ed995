using System.Diagnostics;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Memory;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Tpch.Bench;

/// <summary>
/// Runs TPC-H queries over dbgen data (generated when missing), timing each run, checking the first run against
/// reference answers when given, and, with a DuckDB script, running DuckDB on the same files after each of our
/// runs so both engines see the same machine state.
/// </summary>
public sealed class TpchBenchmark(TpchBenchOptions options, TextWriter log)
{
    public const string Database = "tpch";

    public IReadOnlyList<QueryTiming> Run(CancellationToken cancellation = default)
    {
        EnsureData();
        var catalog = new InMemoryCatalog();
        var format = options.LineitemScan ? TpchFormat.Parquet : options.Format;
        TpchSchema.Register(catalog, Database, options.DataFolder, $"TPC-H SF {options.ScaleFactor} for qe tpch bench", format);
        var session = new QuerySession(
            catalog,
            new FileTableSourceFactory(new LocalObjectStore()),
            new SessionOptions { DefaultDatabase = Database, MaxParallelism = options.Threads, Memory = options.Memory ?? MemorySettings.Default });

        using var duck = options.DuckDbScript is { } script
            ? DuckDbProcess.Start(script, options.DataFolder, format == TpchFormat.Parquet ? "parquet" : "tbl", options.Threads, log,
                options.LineitemScan ? "scan-queries" : "queries")
            : null;
        var timings = options.LineitemScan
            ? ScanQueries.Names.Select(name => new QueryTiming(name, ScanQueries.Sql(name))).ToArray()
            : options.Queries.Select(q => new QueryTiming(TpchQueries.Name(q), TpchQueries.Sql(q))).ToArray();
        for (var run = 1; run <= options.Runs; run++)
        {
            foreach (var timing in timings)
            {
                cancellation.ThrowIfCancellationRequested();
                if (timing.Error is null) RunOurs(session, timing, run == 1, cancellation);
                if (duck is not null && timing.Error is null)
                {
                    var (ms, rows) = duck.Run(timing.Name);
                    timing.DuckDbMilliseconds.Add(ms);
                    timing.DuckDbRows = rows;
                }
            }
        }
        return timings;
    }

    private void RunOurs(QuerySession session, QueryTiming timing, bool first, CancellationToken cancellation)
    {
        var sql = timing.Sql;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocated = GC.GetTotalAllocatedBytes();
        var memory = new PeakMemorySampler();
        var watch = Stopwatch.StartNew();
        StatementResult result;
        try
        {
            result = session.Execute(sql, cancellation);
            watch.Stop();
        }
        catch (QueryException ex)
        {
            timing.Error = ex.Message;
            timing.Answer = "error: " + ex.Message;
            return;
        }
        finally
        {
            memory.Dispose();
        }
        timing.Milliseconds.Add(watch.Elapsed.TotalMilliseconds);
        timing.PeakHeapBytes = Math.Max(timing.PeakHeapBytes, memory.PeakBytes);
        timing.AllocatedBytes = Math.Min(timing.AllocatedBytes, GC.GetTotalAllocatedBytes() - allocated);
        timing.Rows = result.RowCount;
        if (result.BytesScanned is { } scanned) timing.BytesScanned = Math.Min(timing.BytesScanned, scanned);
        if (first) timing.Answer = CheckAnswer(timing, result);
    }

    private string CheckAnswer(QueryTiming timing, StatementResult result)
    {
        if (options.AnswersFolder is null) return "-";
        var file = Path.Combine(options.AnswersFolder, timing.Name + ".csv");
        if (!File.Exists(file)) return "-";
        var numeric = new bool[result.Schema.Count];
        for (var c = 0; c < numeric.Length; c++) numeric[c] = result.Schema[c].Type.IsNumeric;
        var difference = AnswerCheck.Compare(Render(result), file, numeric);
        return difference is null ? "ok" : "FAIL: " + difference;
    }

    /// <summary>A result's rows as <see cref="ValueFormatter"/> prints each value (the reference answers' rendering).</summary>
    public static List<string[]> Render(StatementResult result)
    {
        var rows = new List<string[]>();
        foreach (var batch in result.Batches)
        {
            for (var r = 0; r < batch.RowCount; r++)
            {
                var row = new string[batch.Columns.Count];
                for (var c = 0; c < row.Length; c++) row[c] = ValueFormatter.Format(batch.Columns[c], r);
                rows.Add(row);
            }
        }
        return rows;
    }

    /// <summary>Generates the tables whose <c>.tbl</c> (or <c>.parquet</c>) file is missing.</summary>
    private void EnsureData()
    {
        if (options.LineitemScan)
        {
            EnsureDuckDbLineitem();
            return;
        }
        if (options.Format == TpchFormat.Parquet)
        {
            if (TpchTables.All.All(t => File.Exists(TpchParquetConverter.TablePath(options.DataFolder, t)))) return;
            log.WriteLine($"generating TPC-H SF {options.ScaleFactor} as Parquet into {options.DataFolder} ...");
            TpchParquetConverter.GenerateMissing(new TpchDataGenerator(options.ScaleFactor, degreeOfParallelism: options.Threads), options.DataFolder);
            return;
        }
        if (TpchTables.All.All(t => File.Exists(TpchDataGenerator.TablePath(options.DataFolder, t)))) return;
        log.WriteLine($"generating TPC-H SF {options.ScaleFactor} into {options.DataFolder} ...");
        new TpchDataGenerator(options.ScaleFactor, degreeOfParallelism: options.Threads).GenerateMissing(options.DataFolder);
    }

    /// <summary>
    /// The scan benchmark's <c>lineitem/lineitem.parquet</c>, written by DuckDB with its defaults (snappy, its row
    /// groups and encodings) from dbgen text generated into a scratch folder that is deleted afterwards.
    /// </summary>
    private void EnsureDuckDbLineitem()
    {
        var target = TpchParquetConverter.TablePath(options.DataFolder, TpchTable.LineItem);
        if (File.Exists(target)) return;
        var script = options.DuckDbScript
            ?? throw new InvalidOperationException($"{target} is missing: DuckDB writes it, so run the scan benchmark with --vs duckdb");
        var scratch = Path.Combine(options.DataFolder, ".dbgen");
        log.WriteLine($"generating TPC-H SF {options.ScaleFactor} lineitem into {scratch} for DuckDB to write {target} ...");
        new TpchDataGenerator(options.ScaleFactor, degreeOfParallelism: options.Threads).GenerateToDirectory(scratch, [TpchTable.LineItem]);
        DuckDbProcess.WriteLineitemParquet(script, TpchDataGenerator.TablePath(scratch, TpchTable.LineItem), target, options.Threads, log);
        Directory.Delete(scratch, recursive: true);
    }
}
