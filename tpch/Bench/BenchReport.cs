using System.Globalization;

namespace QueryEngine.Tpch.Bench;

/// <summary>Prints the per-query table of <c>qe tpch bench</c> and, with DuckDB, the geometric mean of the ratios.</summary>
public static class BenchReport
{
    public static void Write(TextWriter output, TpchBenchOptions options, IReadOnlyList<QueryTiming> timings)
    {
        var withDuck = options.DuckDbScript is not null;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"TPC-H SF {options.ScaleFactor}, {options.Runs} run(s), {options.Threads} thread(s), {(options.Format == TpchFormat.Parquet ? "parquet" : "tbl")} data {options.DataFolder}"));
        output.WriteLine(withDuck
            ? "query   qe min ms  qe median ms  duckdb median ms   ratio      rows  scan MB  alloc MB  peak MB  answer"
            : "query   qe min ms  qe median ms      rows  scan MB  alloc MB  peak MB  answer");
        var ratios = new List<double>();
        foreach (var t in timings)
        {
            var allocated = t.AllocatedBytes == long.MaxValue ? "-" : (t.AllocatedBytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
            var peak = t.PeakHeapBytes == 0 ? "-" : (t.PeakHeapBytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
            var scanned = t.BytesScanned == long.MaxValue ? "-" : (t.BytesScanned / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
            var line = withDuck
                ? string.Create(CultureInfo.InvariantCulture, $"{t.Name,-5} {t.Min,11:0.0} {t.Median,13:0.0} {t.DuckDbMedian,17:0.0} {t.Ratio,7:0.00} {t.Rows,9} {scanned,8} {allocated,9} {peak,8}  {t.Answer}")
                : string.Create(CultureInfo.InvariantCulture, $"{t.Name,-5} {t.Min,11:0.0} {t.Median,13:0.0} {t.Rows,9} {scanned,8} {allocated,9} {peak,8}  {t.Answer}");
            output.WriteLine(line);
            if (!double.IsNaN(t.Ratio)) ratios.Add(t.Ratio);
            if (withDuck && t.DuckDbRows is { } duckRows && duckRows != t.Rows && t.Error is null)
            {
                output.WriteLine($"      note: DuckDB returned {duckRows} rows, QueryEngine {t.Rows}");
            }
        }
        if (ratios.Count > 0)
        {
            var geometricMean = Math.Exp(ratios.Sum(Math.Log) / ratios.Count);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"geometric mean of qe/duckdb median ratios over {ratios.Count} queries: {geometricMean:0.00} (above 1: slower than DuckDB)"));
        }
        var failed = timings.Count(t => t.Answer.StartsWith("FAIL", StringComparison.Ordinal) || t.Error is not null);
        output.WriteLine(failed == 0 ? "all answers as expected" : $"{failed} query(ies) failed or returned wrong answers");
    }
}
