namespace QueryEngine.Engine.Execution.Memory;

/// <summary>
/// The memory one query may hold in buffered operator state (sort buffers, hash tables, window partitions, the result
/// being collected), owned by its <see cref="ExecutionContext"/>. Operators take a <see cref="MemoryReservation"/> and
/// grow it before they buffer more; growth beyond <see cref="Limit"/> is refused, and the operator then spills or fails
/// with a <see cref="Common.MemoryLimitExceededException"/>. Disposing the pool deletes the query's spill files.
/// Thread-safe: parallel workers grow their own reservations against the same pool.
/// </summary>
public sealed class QueryMemoryPool : IDisposable
{
    private readonly object _spillLock = new();
    private long _reserved;
    private long _peak;
    private SpillFiles? _spill;
    private bool _disposed;

    public QueryMemoryPool(MemorySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.QueryMaxMemory, 1);
        Settings = settings;
    }

    public MemorySettings Settings { get; }

    public long Limit => Settings.QueryMaxMemory;

    public bool SpillEnabled => Settings.SpillEnabled;

    /// <summary>Bytes reserved now by all of the query's operators.</summary>
    public long Reserved => Interlocked.Read(ref _reserved);

    /// <summary>The most bytes reserved at any one time.</summary>
    public long Peak => Interlocked.Read(ref _peak);

    /// <summary>Bytes written to spill files so far.</summary>
    public long SpilledBytes => _spill?.BytesWritten ?? 0;

    /// <summary>A new, empty reservation for one operator; <paramref name="owner"/> names it in errors ("Sort", "HashJoin build").</summary>
    public MemoryReservation Reserve(string owner, OperatorStats? stats = null) => new(this, owner, stats);

    /// <summary>The query's spill folder, created on first use under <see cref="MemorySettings.SpillDirectory"/>.</summary>
    public SpillFiles Spill
    {
        get
        {
            lock (_spillLock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return _spill ??= SpillFiles.Create(Settings.SpillDirectory);
            }
        }
    }

    /// <summary>Adds <paramref name="bytes"/> to the total unless that would pass the limit.</summary>
    internal bool TryAdd(long bytes)
    {
        while (true)
        {
            var current = Interlocked.Read(ref _reserved);
            var next = current + bytes;
            if (next > Limit || next < current) return false;
            if (Interlocked.CompareExchange(ref _reserved, next, current) != current) continue;
            UpdatePeak(next);
            return true;
        }
    }

    internal void Subtract(long bytes) => Interlocked.Add(ref _reserved, -bytes);

    private void UpdatePeak(long value)
    {
        var peak = Interlocked.Read(ref _peak);
        while (value > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peak, value, peak);
            if (seen == peak) return;
            peak = seen;
        }
    }

    /// <summary>Deletes the spill folder (on success, failure and cancellation alike).</summary>
    public void Dispose()
    {
        SpillFiles? spill;
        lock (_spillLock)
        {
            _disposed = true;
            spill = _spill;
        }
        spill?.Dispose();
    }
}
