namespace QueryEngine.Engine.Common;

/// <summary>
/// An update lost a race: the object changed after the caller read it (optimistic concurrency). Nothing was
/// written; reading the object again and reapplying the change is safe.
/// </summary>
public sealed class ConcurrentModificationException(string message)
    : QueryException(ErrorCode.ConcurrentModification, message, null, "read it again and retry the change", null)
{
    public override string Phase => "Concurrent modification";
}
