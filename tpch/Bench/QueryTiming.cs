namespace QueryEngine.Tpch.Bench;

/// <summary>The measurements of one query over all runs.</summary>
/// <param name="name">The query's short name (<c>q01</c>, <c>scan_a</c>): DuckDB's script reads <c>&lt;name&gt;.sql</c>.</param>
/// <param name="sql">The query's text as QueryEngine runs it.</param>
public sealed class QueryTiming(string name, string sql)
{
    public string Name { get; } = name;

    public string Sql { get; } = sql;

    /// <summary>QueryEngine's wall time of each run, in milliseconds.</summary>
    public List<double> Milliseconds { get; } = [];

    /// <summary>DuckDB's wall time of each run, in milliseconds (empty when DuckDB did not run).</summary>
    public List<double> DuckDbMilliseconds { get; } = [];

    public long Rows { get; set; }

    public long? DuckDbRows { get; set; }

    /// <summary>Bytes the process allocated during the least-allocating run (all threads), a proxy for memory pressure.</summary>
    public long AllocatedBytes { get; set; } = long.MaxValue;

    /// <summary>The largest managed heap size sampled while the query ran, over all runs (see <see cref="PeakMemorySampler"/>); 0 when not measured.</summary>
    public long PeakHeapBytes { get; set; }

    /// <summary>Bytes the scans read from storage during the least-reading run; long.MaxValue when not measured.</summary>
    public long BytesScanned { get; set; } = long.MaxValue;

    /// <summary>"ok", "FAIL: ...", "-" (no reference answer) or "error: ...".</summary>
    public string Answer { get; set; } = "-";

    public string? Error { get; set; }

    public double Min => Milliseconds.Count == 0 ? double.NaN : Milliseconds.Min();

    public double Median => MedianOf(Milliseconds);

    public double DuckDbMedian => MedianOf(DuckDbMilliseconds);

    /// <summary>QueryEngine's median over DuckDB's (above 1: slower than DuckDB); NaN without DuckDB.</summary>
    public double Ratio => DuckDbMilliseconds.Count == 0 || Milliseconds.Count == 0 ? double.NaN : Median / DuckDbMedian;

    private static double MedianOf(List<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
