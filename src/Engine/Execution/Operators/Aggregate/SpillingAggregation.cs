using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Memory;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Execution.Operators.Aggregate;

/// <summary>
/// Hash aggregation that spills when its group table cannot grow (hybrid hash aggregation). The table is then frozen:
/// rows whose key already has a group keep updating it in place, rows with a new key are written, as they are, to
/// spill partitions by key hash (<see cref="SpillPartitionWriter"/>). Keys in the table and keys on disk are therefore
/// disjoint: the table's groups are emitted and freed, then each partition is aggregated on its own the same way, with
/// a new hash seed per level, so a partition that is still too big splits again. Because input rows (not partial
/// states) are spilled, every aggregate (DISTINCT, array_agg, approx_percentile, ...) spills alike.
/// </summary>
internal sealed class SpillingAggregation
{
    /// <summary>Recursion levels before a partition that still does not fit fails with the memory-limit error.</summary>
    public const int MaxLevel = 8;

    private const string SpillPrefix = "aggregate";

    private readonly Func<AggregationState> _newState;
    private readonly Schema _input;
    private readonly Schema _output;
    private readonly ExecutionContext _context;
    private readonly OperatorStats? _stats;

    public SpillingAggregation(Func<AggregationState> newState, Schema input, Schema output, ExecutionContext context, OperatorStats? stats)
    {
        _newState = newState;
        _input = input;
        _output = output;
        _context = context;
        _stats = stats;
    }

    /// <summary>Whether a state that hit the limit at <paramref name="level"/> may freeze and spill instead of failing.</summary>
    public bool CanSpill(AggregationState state, int level) => _context.Memory.SpillEnabled && state.HasKeys && level < MaxLevel;

    /// <summary>Grows or shrinks the reservation to <paramref name="bytes"/>; false (and unchanged) when growth is refused.</summary>
    public static bool TryResize(MemoryReservation memory, long bytes)
    {
        var delta = bytes - memory.Size;
        if (delta > 0) return memory.TryGrow(delta);
        memory.Shrink(-delta);
        return true;
    }

    public Spill StartSpill(AggregationState state, int level) =>
        new(new SpillPartitionWriter(_context.Memory.Spill, SpillPrefix, _input, level, _context.BatchSize, _stats), new KeyEncoder(state.KeyTypes));

    /// <summary>A frozen table's spill partitions and the encoder that hashes their keys.</summary>
    public sealed record Spill(SpillPartitionWriter Writer, KeyEncoder Encoder);

    /// <summary>
    /// Frozen table: rows of existing groups update them; the other rows go to the spill partitions (dictionary-encoded
    /// key columns are materialized first: spill files and key hashes take flat arrays).
    /// </summary>
    public static void ConsumeFrozen(AggregationState state, RecordBatch input, Spill spill)
    {
        var rows = input.RowCount;
        if (rows == 0) return;
        var batch = DictionaryArray.Flat(input);
        var keys = state.EvaluateKeys(batch);
        var ids = state.FindExisting(keys, rows);
        var found = 0;
        for (var i = 0; i < rows; i++)
        {
            if (ids[i] >= 0) found++;
        }
        if (found == rows)
        {
            state.Consume(batch);
            return;
        }
        var existing = new int[found];
        var missing = new int[rows - found];
        int e = 0, m = 0;
        for (var i = 0; i < rows; i++)
        {
            if (ids[i] >= 0) existing[e++] = i;
            else missing[m++] = i;
        }
        if (found > 0) state.Consume(batch.Take(existing));
        spill.Writer.Append(batch, missing, spill.Encoder.Encode(keys, rows).Hashes);
    }

    /// <summary>
    /// Aggregates <paramref name="input"/> into <paramref name="state"/> (freezing and spilling when the limit is
    /// reached), emits the groups, then aggregates each spilled partition one level deeper.
    /// </summary>
    public IEnumerable<RecordBatch> Run(AggregationState state, IEnumerable<RecordBatch> input, int level, MemoryReservation memory)
    {
        var files = Consume(state, input, level, memory);
        var result = state.Finish(_output);
        // The table is unreachable from here on: its reservation becomes the result's.
        state = null!;
        var bytes = BatchBytes.Of(result);
        var whole = TryResize(memory, bytes);
        if (!whole)
        {
            // The result passed the table's estimate (array_agg-like states): fail without spilling, else
            // reserve one output batch's share at a time.
            if (!_context.Memory.SpillEnabled) memory.Resize(bytes);
            memory.Free();
        }
        foreach (var output in Slices(result))
        {
            if (!whole) memory.Resize(bytes / result.RowCount * output.RowCount);
            yield return output;
        }
        result = null!;
        memory.Free();
        if (files is null) yield break;
        foreach (var file in files)
        {
            foreach (var output in Run(_newState(), file.Read(_input), level + 1, memory)) yield return output;
        }
    }

    /// <summary>Runs <paramref name="input"/> into the state; returns the spill partitions, or null when everything fit.</summary>
    private List<SpillFile>? Consume(AggregationState state, IEnumerable<RecordBatch> input, int level, MemoryReservation memory)
    {
        Spill? spill = null;
        try
        {
            foreach (var batch in Sliced(input, _context.BatchSize))
            {
                _context.Cancellation.ThrowIfCancellationRequested();
                if (spill is not null)
                {
                    ConsumeFrozen(state, batch, spill);
                    continue;
                }
                state.Consume(batch);
                var bytes = state.MemoryBytes;
                if (TryResize(memory, bytes)) continue;
                // Spilling is off (or impossible): fail naming the aggregation.
                if (!CanSpill(state, level)) memory.Resize(bytes);
                spill = StartSpill(state, level);
            }
            return spill?.Writer.Finish();
        }
        finally
        {
            spill?.Writer.Dispose();
        }
    }

    /// <summary>
    /// The non-empty input batches, cut to at most <paramref name="rows"/> rows: a table absorbs a whole batch before
    /// its reservation is checked, so this bounds how far it can pass the limit before it freezes.
    /// </summary>
    public static IEnumerable<RecordBatch> Sliced(IEnumerable<RecordBatch> input, int rows)
    {
        foreach (var batch in input)
        {
            if (batch.RowCount <= rows)
            {
                if (batch.RowCount > 0) yield return batch;
                continue;
            }
            for (var start = 0; start < batch.RowCount; start += rows) yield return batch.Slice(start, Math.Min(rows, batch.RowCount - start));
        }
    }

    /// <summary>The result in batches of at most the batch size.</summary>
    private IEnumerable<RecordBatch> Slices(RecordBatch result)
    {
        if (result.RowCount <= _context.BatchSize)
        {
            if (result.RowCount > 0) yield return result;
            yield break;
        }
        for (var start = 0; start < result.RowCount; start += _context.BatchSize)
        {
            _context.Cancellation.ThrowIfCancellationRequested();
            yield return result.Slice(start, Math.Min(_context.BatchSize, result.RowCount - start));
        }
    }
}
