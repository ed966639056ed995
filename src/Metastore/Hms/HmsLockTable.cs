namespace QueryEngine.Metastore.Hms;

/// <summary>
/// The locks of Hive's lock API, held in the server's memory (one table per server, not shared between servers).
/// Our catalog needs no locks (its writes are transactions with optimistic versions), so these only coordinate
/// the clients that ask: a request is granted at once unless one of its components conflicts with a lock another
/// request holds, in which case it waits (<c>WAITING</c>) until <see cref="Check"/> finds the conflict gone. Conflicts
/// follow Hive: EXCLUSIVE conflicts with every lock, EXCL_WRITE with SHARED_WRITE and EXCL_WRITE, SHARED_READ
/// and SHARED_WRITE with nothing else; two components overlap when they name the same database and, where
/// both name one, the same table and partition. A lock not heartbeaten (or checked) for <see cref="Timeout"/> is
/// released, as Hive times out abandoned locks.
/// </summary>
internal sealed class HmsLockTable(TimeProvider clock)
{
    public const int SharedRead = 1;
    public const int SharedWrite = 2;
    public const int Exclusive = 3;
    public const int ExclusiveWrite = 4;

    public const int Acquired = 1;
    public const int Waiting = 2;

    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, HeldLock> _locks = [];
    private long _nextId = 1;

    /// <summary>Registers a request; its state is ACQUIRED or WAITING.</summary>
    public HeldLock Request(IReadOnlyList<HmsLockComponent> components, string? user, string? host)
    {
        lock (_lock)
        {
            Expire();
            var held = new HeldLock(_nextId++, components, user ?? string.Empty, host ?? string.Empty, clock.GetUtcNow());
            _locks.Add(held.Id, held);
            Evaluate(held);
            return held;
        }
    }

    /// <summary>The lock's state now (a waiting lock is granted once nothing conflicts); null for an unknown id.</summary>
    public HeldLock? Check(long id)
    {
        lock (_lock)
        {
            Expire();
            if (!_locks.TryGetValue(id, out var held)) return null;
            held.LastHeartbeat = clock.GetUtcNow();
            if (held.State == Waiting) Evaluate(held);
            return held;
        }
    }

    public bool Heartbeat(long id) => Check(id) is not null;

    public bool Release(long id)
    {
        lock (_lock) return _locks.Remove(id);
    }

    public List<HeldLock> Snapshot()
    {
        lock (_lock)
        {
            Expire();
            return [.. _locks.Values];
        }
    }

    /// <summary>Grants <paramref name="held"/> when no earlier lock's component conflicts with one of its components.</summary>
    private void Evaluate(HeldLock held)
    {
        foreach (var other in _locks.Values)
        {
            if (other.Id >= held.Id) break;
            foreach (var mine in held.Components)
            {
                foreach (var theirs in other.Components)
                {
                    if (Overlap(mine, theirs) && Conflict(mine.Type, theirs.Type))
                    {
                        held.State = Waiting;
                        return;
                    }
                }
            }
        }
        held.State = Acquired;
        held.AcquiredAt ??= clock.GetUtcNow();
    }

    private void Expire()
    {
        var now = clock.GetUtcNow();
        List<long>? expired = null;
        foreach (var held in _locks.Values)
        {
            if (now - held.LastHeartbeat > Timeout) (expired ??= []).Add(held.Id);
        }
        foreach (var id in expired ?? []) _locks.Remove(id);
    }

    private static bool Overlap(HmsLockComponent a, HmsLockComponent b) =>
        string.Equals(a.Database, b.Database, StringComparison.OrdinalIgnoreCase)
        && (a.Table is null || b.Table is null || string.Equals(a.Table, b.Table, StringComparison.OrdinalIgnoreCase))
        && (a.Partition is null || b.Partition is null || string.Equals(a.Partition, b.Partition, StringComparison.Ordinal));

    private static bool Conflict(int a, int b) =>
        a == Exclusive || b == Exclusive
        || (a == ExclusiveWrite && b is SharedWrite or ExclusiveWrite)
        || (b == ExclusiveWrite && a is SharedWrite or ExclusiveWrite);

    /// <summary>One lock request and its state.</summary>
    internal sealed class HeldLock(long id, IReadOnlyList<HmsLockComponent> components, string user, string host, DateTimeOffset now)
    {
        public long Id { get; } = id;

        public IReadOnlyList<HmsLockComponent> Components { get; } = components;

        public string User { get; } = user;

        public string Host { get; } = host;

        public int State { get; set; } = Waiting;

        public DateTimeOffset LastHeartbeat { get; set; } = now;

        public DateTimeOffset? AcquiredAt { get; set; }
    }
}

/// <summary>Hive's <c>LockComponent</c>: 1 type (LockType), 2 level, 3 dbname, 4 tablename, 5 partitionname.</summary>
internal sealed record HmsLockComponent(int Type, string Database, string? Table, string? Partition);
