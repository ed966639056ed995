using System.Collections.Concurrent;
using QueryEngine.Engine.Session;

namespace QueryEngine.FlightServer.FlightSql;

/// <summary>Results of statements executed in GetFlightInfo, held until their ticket is redeemed or they expire.</summary>
internal sealed class PendingResults(TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<Guid, (StatementResult Result, DateTimeOffset Expires)> _results = new();

    public Guid Add(StatementResult result)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var (id, entry) in _results)
        {
            if (entry.Expires <= now) _results.TryRemove(id, out _);
        }
        var key = Guid.NewGuid();
        _results[key] = (result, now + lifetime);
        return key;
    }

    public StatementResult? Take(Guid id) => _results.TryRemove(id, out var entry) ? entry.Result : null;
}
