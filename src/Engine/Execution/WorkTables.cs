using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution;

/// <summary>The current round's rows of each recursive CTE of one query, by work table id.</summary>
public sealed class WorkTables
{
    private readonly Dictionary<int, IReadOnlyList<RecordBatch>> _tables = [];
    private readonly Lock _lock = new();

    public void Set(int id, IReadOnlyList<RecordBatch> batches)
    {
        lock (_lock) _tables[id] = batches;
    }

    public IReadOnlyList<RecordBatch> Get(int id)
    {
        lock (_lock) return _tables.TryGetValue(id, out var batches) ? batches : [];
    }
}
