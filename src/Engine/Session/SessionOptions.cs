namespace QueryEngine.Engine.Session;

/// <summary>Settings of one session.</summary>
public sealed record SessionOptions
{
    /// <summary>Root folder (or URI) under which managed tables and the default metastore live.</summary>
    public string Warehouse { get; init; } = ".warehouse";

    public string DefaultDatabase { get; init; } = "default";

    public int BatchSize { get; init; } = Columnar.RecordBatch.DefaultBatchSize;

    /// <summary>Threads a query may use; 0 means the number of processors.</summary>
    public int MaxParallelism { get; init; }

    /// <summary>When CTAS / INSERT / UNLOAD roll over to a new file, and how many partitions one statement may write.</summary>
    public Writing.WriteLimits WriteLimits { get; init; } = Writing.WriteLimits.Default;

    /// <summary>The procedures <c>CALL</c> can run (none unless the host provides some).</summary>
    public IReadOnlyList<IProcedure> Procedures { get; init; } = [];

    /// <summary>
    /// Which listed files of each catalog table the session's scans read (all when null), e.g. a job bookmark that
    /// skips files already processed. Needs the session's sources to be a <see cref="Catalog.FileTableSourceFactory"/>.
    /// </summary>
    public Catalog.IScanFileFilter? ScanFileFilter { get; init; }

    /// <summary>
    /// Each query's memory limit and spill settings (default: 60% of the machine's or container's memory, spilling to
    /// the temp folder); <c>SET SESSION query_max_memory</c> and <c>spill_enabled</c> change them for one session.
    /// </summary>
    public Execution.Memory.MemorySettings Memory { get; init; } = Execution.Memory.MemorySettings.Default;

    /// <summary>
    /// Whether hash joins pass their build keys to probe-side scans (default on); <c>SET SESSION
    /// enable_dynamic_filtering = false</c> turns it off for one session, as in Trino.
    /// </summary>
    public bool DynamicFiltering { get; init; } = true;
}
