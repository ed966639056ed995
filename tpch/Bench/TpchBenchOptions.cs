namespace QueryEngine.Tpch.Bench;

/// <summary>What <c>qe tpch bench</c> runs.</summary>
/// <param name="ScaleFactor">dbgen scale factor of the data.</param>
/// <param name="DataFolder">Folder holding <c>&lt;table&gt;/&lt;table&gt;.tbl</c> (or <c>.parquet</c>); generated there when missing.</param>
/// <param name="Queries">Query numbers (1..22) in the order to run them.</param>
/// <param name="Runs">Timed runs of each query; min and median are reported.</param>
/// <param name="AnswersFolder">Folder of reference answers (<c>qNN.csv</c>) to check the first run against; null skips the check.</param>
/// <param name="Threads">Threads each engine may use.</param>
/// <param name="DuckDbScript">Path of <c>tpch/duckdb/bench.mjs</c> to run DuckDB side by side; null runs QueryEngine alone.</param>
/// <param name="Format">Format of the data both engines read (<c>.tbl</c> or Parquet).</param>
/// <param name="Memory">Each query's memory limit and spill folder (<c>--memory-limit</c>, <c>--spill-dir</c>); null for the default.</param>
/// <param name="LineitemScan">Runs the scan queries of <see cref="ScanQueries"/> (<see cref="Queries"/> ignored) over a
/// DuckDB-written Parquet <c>lineitem/lineitem.parquet</c> in <see cref="DataFolder"/>, written there by DuckDB when missing.</param>
public sealed record TpchBenchOptions(
    double ScaleFactor,
    string DataFolder,
    IReadOnlyList<int> Queries,
    int Runs,
    string? AnswersFolder,
    int Threads,
    string? DuckDbScript,
    TpchFormat Format = TpchFormat.Tbl,
    Engine.Execution.Memory.MemorySettings? Memory = null,
    bool LineitemScan = false);
