namespace QueryEngine.Engine.Execution.Memory;

/// <summary>How much memory one query may hold in its operators' buffers, and whether and where it may spill to disk.</summary>
/// <param name="QueryMaxMemory">Bytes one query may reserve (Trino's <c>query_max_memory</c>).</param>
/// <param name="SpillEnabled">Whether sorts write sorted runs to disk instead of failing when the limit is reached.</param>
/// <param name="SpillDirectory">The folder under which each query gets its own temporary spill folder.</param>
public sealed record MemorySettings(long QueryMaxMemory, bool SpillEnabled, string SpillDirectory)
{
    /// <summary>The share of the machine's memory (or of the container's limit) a query may use by default.</summary>
    public const double DefaultFraction = 0.6;

    /// <summary>60% of the memory available to this process (the cgroup limit when there is one), spilling to the temp folder.</summary>
    public static MemorySettings Default { get; } = new(DefaultLimit(), SpillEnabled: true, Path.GetTempPath());

    /// <summary>No limit: for tests and tools that run trusted queries.</summary>
    public static MemorySettings Unlimited { get; } = new(long.MaxValue, SpillEnabled: true, Path.GetTempPath());

    /// <summary>60% of <see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>, which .NET reads from the cgroup limit when one is set.</summary>
    public static long DefaultLimit()
    {
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return available > 0 ? (long)(available * DefaultFraction) : 4L << 30;
    }
}
