using System.Collections.Concurrent;

namespace QueryEngine.FlightServer.SystemTables;

/// <summary>
/// The statements of this server, running and recent (the newest <see cref="Retained"/> that ended), with ids
/// that increase from 1: what <c>system.queries</c> shows.
/// </summary>
internal sealed class QueryRegistry(TimeProvider clock)
{
    public const int Retained = 1000;

    private readonly ConcurrentDictionary<long, QueryRecord> _records = new();
    private readonly ConcurrentQueue<long> _order = new();
    private long _nextId;

    public TimeProvider Clock => clock;

    public QueryRecord Start(string user, string sql)
    {
        var record = new QueryRecord(Interlocked.Increment(ref _nextId), user, sql, clock.GetUtcNow());
        _records[record.Id] = record;
        _order.Enqueue(record.Id);
        Trim();
        return record;
    }

    /// <summary>Every record held, oldest first.</summary>
    public IReadOnlyList<QueryRecord> Snapshot()
    {
        var list = new List<QueryRecord>(_records.Values);
        list.Sort((a, b) => a.Id.CompareTo(b.Id));
        return list;
    }

    /// <summary>Forgets the oldest ended records beyond <see cref="Retained"/>; running ones stay.</summary>
    private void Trim()
    {
        while (_records.Count > Retained && _order.TryPeek(out var oldest))
        {
            if (_records.TryGetValue(oldest, out var record) && record.Snapshot().State == QueryRecord.Running) break;
            if (_order.TryDequeue(out oldest)) _records.TryRemove(oldest, out _);
        }
    }
}
