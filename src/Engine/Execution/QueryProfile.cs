using System.Diagnostics;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Plan;

namespace QueryEngine.Engine.Execution;

/// <summary>What one physical plan node did during EXPLAIN ANALYZE: output rows and batches, time spent producing them
/// (inclusive of its inputs, summed over parallel workers), for scans bytes read, and for buffering operators the peak
/// of their memory reservations and what they spilled. Safe to update from several threads.</summary>
public sealed class OperatorStats
{
    private long _rows;
    private long _batches;
    private long _ticks;
    private ScanContext? _scan;
    private long _memory;
    private long _peakMemory;
    private long _spilledBytes;
    private long _spilledRows;
    private long _spilledPartitions;

    public long Rows => Interlocked.Read(ref _rows);

    public long Batches => Interlocked.Read(ref _batches);

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks));

    /// <summary>Bytes read by this scan; null for other operators.</summary>
    public long? BytesRead => _scan?.BytesRead;

    /// <summary>The most bytes this operator's memory reservations held at one time.</summary>
    public long PeakMemory => Interlocked.Read(ref _peakMemory);

    /// <summary>Bytes this operator wrote to spill files.</summary>
    public long SpilledBytes => Interlocked.Read(ref _spilledBytes);

    public long SpilledRows => Interlocked.Read(ref _spilledRows);

    /// <summary>Hash partitions written to spill files (spilling aggregations and grace hash joins, all recursion levels).</summary>
    public long SpilledPartitions => Interlocked.Read(ref _spilledPartitions);

    internal void AddMemory(long delta)
    {
        var now = Interlocked.Add(ref _memory, delta);
        var peak = Interlocked.Read(ref _peakMemory);
        while (now > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peakMemory, now, peak);
            if (seen == peak) break;
            peak = seen;
        }
    }

    internal void AddSpill(long rows, long bytes)
    {
        Interlocked.Add(ref _spilledRows, rows);
        Interlocked.Add(ref _spilledBytes, bytes);
    }

    internal void AddSpillPartitions(int partitions) => Interlocked.Add(ref _spilledPartitions, partitions);

    internal void Add(long rows, long ticks)
    {
        Interlocked.Add(ref _rows, rows);
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _ticks, ticks);
    }

    internal void AddTime(long ticks) => Interlocked.Add(ref _ticks, ticks);

    /// <summary>What else the operator reports (e.g. a scan's dynamic filter and the row groups it skipped); null for nothing.</summary>
    public string? Note
    {
        get { lock (this) return _note; }
    }

    private string? _note;

    internal void SetNote(string note)
    {
        lock (this) _note = note;
    }

    /// <summary>The scan context this scan reads through: its own byte count, forwarded to the query's.</summary>
    internal ScanContext Scan(ScanContext query)
    {
        lock (this) return _scan ??= new ScanContext(query.Cancellation, query);
    }

    /// <summary>Counts what <paramref name="batches"/> yields and the time spent inside it.</summary>
    internal IEnumerable<RecordBatch> Measure(IEnumerable<RecordBatch> batches)
    {
        using var e = batches.GetEnumerator();
        while (true)
        {
            var start = Stopwatch.GetTimestamp();
            var more = e.MoveNext();
            var ticks = Stopwatch.GetTimestamp() - start;
            if (!more)
            {
                AddTime(ticks);
                yield break;
            }
            Add(e.Current.RowCount, ticks);
            yield return e.Current;
        }
    }
}

/// <summary>The statistics of every operator of one query run, by physical plan node.</summary>
public sealed class QueryProfile
{
    private readonly Dictionary<PhysicalPlan, OperatorStats> _stats = new(ReferenceEqualityComparer.Instance);

    public OperatorStats For(PhysicalPlan node)
    {
        lock (_stats)
        {
            if (!_stats.TryGetValue(node, out var stats)) _stats[node] = stats = new OperatorStats();
            return stats;
        }
    }

    public OperatorStats? Find(PhysicalPlan node)
    {
        lock (_stats) return _stats.GetValueOrDefault(node);
    }
}
