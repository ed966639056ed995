namespace QueryEngine.Engine.Execution.Operators;

/// <summary>Hands out work item indices to competing workers.</summary>
internal sealed class WorkCursor(int count)
{
    private int _next = -1;

    public bool TryNext(out int index)
    {
        index = Interlocked.Increment(ref _next);
        return index < count;
    }
}
