
namespace QueryEngine.Engine.Common;

/// <summary>
/// A query asked for more memory than its limit allows, in the named operator, and could not spill. The query stops,
/// its memory and spill files are released, and the session or server goes on.
/// </summary>
public sealed class MemoryLimitExceededException(long limit, string owner, long reserved, long requested)
    : QueryException(
        ErrorCode.ResourceExhausted,
        $"Query exceeded memory limit of {ByteSize.Format(limit)} in {owner} (reserved {ByteSize.Format(reserved)}, requested {ByteSize.Format(requested)})",
        null,
        "raise it with SET SESSION query_max_memory = '...' or --memory-limit",
        null)
{
    public long Limit { get; } = limit;

    /// <summary>The operator that asked, e.g. "HashJoin build".</summary>
    public string Owner { get; } = owner;

    public long Reserved { get; } = reserved;

    public long Requested { get; } = requested;

    public override string Phase => "Resources exhausted";
}
