namespace QueryEngine.Engine.Execution.Sharing;

/// <summary>The shared WITH query results of one query, by spool id (see <c>Plan/SharedSpoolExec</c>).</summary>
internal sealed class SharedResults
{
    private readonly Dictionary<int, SharedResult> _results = [];
    private readonly Lock _lock = new();

    public SharedResult Get(int spoolId)
    {
        lock (_lock)
        {
            if (!_results.TryGetValue(spoolId, out var result)) _results[spoolId] = result = new SharedResult();
            return result;
        }
    }
}
