using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Execution.Memory;

/// <summary>
/// The bytes one operator holds against its query's <see cref="QueryMemoryPool"/>. Grow before buffering, shrink or
/// free when the buffer is dropped; disposing frees what is left. With EXPLAIN ANALYZE the operator's statistics
/// follow every change, so its reported peak is the peak of its reservations.
/// </summary>
public sealed class MemoryReservation : IDisposable
{
    private readonly QueryMemoryPool _pool;
    private readonly OperatorStats? _stats;
    private long _size;
    private long _peak;

    internal MemoryReservation(QueryMemoryPool pool, string owner, OperatorStats? stats)
    {
        _pool = pool;
        Owner = owner;
        _stats = stats;
    }

    public string Owner { get; }

    public long Size => Interlocked.Read(ref _size);

    public long Peak => Interlocked.Read(ref _peak);

    public QueryMemoryPool Pool => _pool;

    /// <summary>Reserves <paramref name="bytes"/> more if the query's limit allows; false (and nothing reserved) otherwise.</summary>
    public bool TryGrow(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (bytes == 0) return true;
        if (!_pool.TryAdd(bytes)) return false;
        var size = Interlocked.Add(ref _size, bytes);
        if (size > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, size);
        _stats?.AddMemory(bytes);
        return true;
    }

    /// <summary>Reserves <paramref name="bytes"/> more or throws <see cref="MemoryLimitExceededException"/> naming this operator.</summary>
    public void Grow(long bytes)
    {
        if (!TryGrow(bytes)) throw new MemoryLimitExceededException(_pool.Limit, Owner, _pool.Reserved, bytes);
    }

    /// <summary>Grows or shrinks to exactly <paramref name="bytes"/> (throws when growing past the limit).</summary>
    public void Resize(long bytes)
    {
        var delta = bytes - Size;
        if (delta > 0) Grow(delta);
        else if (delta < 0) Shrink(-delta);
    }

    public void Shrink(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        bytes = Math.Min(bytes, Size);
        if (bytes == 0) return;
        Interlocked.Add(ref _size, -bytes);
        _pool.Subtract(bytes);
        _stats?.AddMemory(-bytes);
    }

    /// <summary>Releases everything this reservation holds.</summary>
    public void Free() => Shrink(Size);

    public void Dispose() => Free();
}
