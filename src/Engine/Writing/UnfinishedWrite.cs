namespace QueryEngine.Engine.Writing;

/// <summary>What became of a write whose journal is still in the warehouse.</summary>
public enum UnfinishedWriteState
{
    /// <summary>Its process holds the journal: the write is in progress.</summary>
    Running,

    /// <summary>The metastore committed it (readers see all of it); some files still carry their pending names: the next write or start renames them.</summary>
    Committed,

    /// <summary>Its process died before the commit (nobody sees it): the next write or start deletes its files.</summary>
    NotCommitted,
}

/// <summary>One write found by <see cref="WriteRecovery"/>: its query id, table (null for UNLOAD or when unknown), target folder, state and the files recovery would rename (committed) or delete (not committed).</summary>
public sealed record UnfinishedWrite(string QueryId, string? Table, string? Target, UnfinishedWriteState State, int Files);
