using System.Collections.Concurrent;
using QueryEngine.Engine.Execution.Plan;

namespace QueryEngine.FlightServer.FlightSql;

/// <summary>
/// Plans made by GetFlightInfo, kept for the DoGet that redeems their ticket, so a query is parsed and planned once,
/// not twice. A plan is taken once; it is dropped when it expires or when a statement run through this server may
/// have changed the catalog since it was made (<see cref="CatalogChanged"/>): DoGet then plans the SQL again.
/// Per server instance, no global state.
/// </summary>
internal sealed class PlannedQueries(TimeSpan lifetime, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, Entry> _plans = new();
    private long _catalogVersion;

    /// <summary>How many plans are waiting to be redeemed (for tests).</summary>
    public int Count => _plans.Count;

    /// <summary>Keeps a plan; returns the id its ticket carries.</summary>
    public Guid Add(PhysicalPlan plan)
    {
        var now = clock.GetUtcNow();
        foreach (var (id, entry) in _plans)
        {
            if (entry.Expires <= now) _plans.TryRemove(id, out _);
        }
        var key = Guid.NewGuid();
        _plans[key] = new Entry(plan, now + lifetime, Interlocked.Read(ref _catalogVersion));
        return key;
    }

    /// <summary>The plan of an id, once; null when it expired, was taken, or the catalog changed since.</summary>
    public PhysicalPlan? Take(Guid id)
    {
        if (!_plans.TryRemove(id, out var entry)) return null;
        if (entry.Expires <= clock.GetUtcNow() || entry.CatalogVersion != Interlocked.Read(ref _catalogVersion)) return null;
        return entry.Plan;
    }

    /// <summary>A DDL, INSERT, CTAS or ingest ran: plans made before it may name files or columns that changed.</summary>
    public void CatalogChanged()
    {
        Interlocked.Increment(ref _catalogVersion);
        _plans.Clear();
    }

    private sealed record Entry(PhysicalPlan Plan, DateTimeOffset Expires, long CatalogVersion);
}
