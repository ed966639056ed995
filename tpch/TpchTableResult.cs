namespace QueryEngine.Tpch;

/// <summary>One generated table: its row count, the wall time of its generation, and where it was written.</summary>
public sealed record TpchTableResult(TpchTable Table, long Rows, TimeSpan Elapsed, string? Path);
