using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution;

/// <summary>Per-query execution settings and services: cancellation, parallelism, batch size, scan and memory accounting.</summary>
public sealed class ExecutionContext
{
    /// <param name="cancellation">Stops the query: operators check it between batches.</param>
    /// <param name="maxParallelism">Worker threads a query may use; 0 means the number of processors, 1 runs everything on the caller's thread.</param>
    /// <param name="batchSize">Maximum rows per batch operators produce.</param>
    public ExecutionContext(CancellationToken cancellation, int maxParallelism = 0, int batchSize = RecordBatch.DefaultBatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxParallelism);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        Cancellation = cancellation;
        MaxParallelism = maxParallelism == 0 ? Environment.ProcessorCount : maxParallelism;
        BatchSize = batchSize;
        Scan = new ScanContext(cancellation);
    }

    public CancellationToken Cancellation { get; }

    /// <summary>Resolved worker count (at least 1).</summary>
    public int MaxParallelism { get; }

    public int BatchSize { get; }

    /// <summary>Scan services handed to table sources (cancellation, bytes read).</summary>
    public ScanContext Scan { get; }

    /// <summary>Per-operator statistics, collected only for EXPLAIN ANALYZE (null otherwise).</summary>
    public QueryProfile? Profile { get; init; }

    /// <summary>The rows of the current round of each recursive CTE.</summary>
    public WorkTables WorkTables { get; } = new();

    /// <summary>The results of WITH queries that several references read (computed by the first).</summary>
    internal Sharing.SharedResults SharedResults { get; } = new();

    /// <summary>Build keys hash joins have published for probe-side scans.</summary>
    public DynamicFiltering.DynamicFilters DynamicFilters { get; init; } = new();

    /// <summary>The query's memory accounting and spill folder (no limit unless the caller sets one).</summary>
    public Memory.QueryMemoryPool Memory { get; init; } = new(Execution.Memory.MemorySettings.Unlimited);

    /// <summary>A reservation for the operator running <paramref name="node"/>, reported in its EXPLAIN ANALYZE line.</summary>
    internal Memory.MemoryReservation Reserve(string owner, Plan.PhysicalPlan node) => Memory.Reserve(owner, Profile?.For(node));
}
