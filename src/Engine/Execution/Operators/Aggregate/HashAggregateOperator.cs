using System.Buffers;
using System.Runtime.ExceptionServices;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Plan;

namespace QueryEngine.Engine.Execution.Operators.Aggregate;

/// <summary>
/// GROUP BY with aggregates. Consumes its whole input, then emits every group in batches of the batch size. When its
/// input is a scan pipeline (scan, filters, projections) and parallelism allows, every worker runs its own copy of the
/// pipeline into a private partial state, and the partial states are merged at the end.
/// </summary>
internal sealed class HashAggregateOperator : Operator
{
    private readonly HashAggregateExec _plan;
    private readonly Operator _input;
    private readonly Func<CancellationToken, IEnumerable<RecordBatch>[]>? _partitions;

    public HashAggregateOperator(HashAggregateExec plan, Operator input, Func<CancellationToken, IEnumerable<RecordBatch>[]>? partitions, ExecutionContext context)
        : base(plan.Schema, context)
    {
        _plan = plan;
        _input = input;
        var probe = NewState();
        if (plan.Schema.Count != plan.GroupBy.Count + plan.Aggregates.Count)
        {
            throw new InternalException($"aggregation output has {plan.Schema.Count} columns for {plan.GroupBy.Count} keys and {plan.Aggregates.Count} aggregates");
        }
        _partitions = probe.CanMerge ? partitions : null;
    }

    private AggregationState NewState() => new(_plan.GroupBy, _plan.Aggregates, _input.Schema);

    public override IEnumerable<RecordBatch> Execute()
    {
        using var memory = Context.Reserve("HashAggregate", _plan);
        var spilling = new SpillingAggregation(NewState, _input.Schema, Schema, Context, Context.Profile?.For(_plan));
        if (_partitions is null)
        {
            foreach (var output in spilling.Run(NewState(), _input.Execute(), 0, memory)) yield return output;
            yield break;
        }
        var outcome = RunParallel(_partitions, memory, spilling);
        if (outcome.Results is not null)
        {
            foreach (var output in EmitPartitions(outcome.Results, memory)) yield return output;
            yield break;
        }
        // Rows the workers spilled go through the merged state like any input (level 1: a new hash seed).
        var outputs = spilling.Run(outcome.State!, ReadAll(outcome.Spilled), 1, memory);
        outcome = null!;
        foreach (var output in outputs) yield return output;
    }

    private IEnumerable<RecordBatch> ReadAll(List<Memory.SpillFile> files)
    {
        foreach (var file in files)
        {
            foreach (var batch in file.Read(_input.Schema)) yield return batch;
        }
    }

    /// <summary>
    /// What the parallel phase leaves: either the finished groups of every key partition (merged in parallel), or one
    /// merged state and the rows the workers spilled, still to be aggregated.
    /// </summary>
    private sealed record ParallelOutcome(RecordBatch[]? Results, AggregationState? State, List<Memory.SpillFile> Spilled);

    /// <summary>Partitions (a power of two) of a high-cardinality parallel aggregation, per worker.</summary>
    private const int PartitionBitsPerWorker = 1;

    /// <summary>Rows a first batch needs before its distinct-key count decides whether to partition.</summary>
    private const int MinSampleRows = 1024;

    /// <summary>A first batch with at least one group per this many rows counts as high-cardinality.</summary>
    private const int RowsPerGroupToPartition = 8;

    /// <summary>
    /// Workers aggregate their share into private states. With many groups (judged on the first batch: at least one
    /// key per <see cref="RowsPerGroupToPartition"/> rows) every worker keeps one state per key-hash partition, so the
    /// partitions are merged and finished in parallel at the end instead of one table absorbing all the others.
    /// When one worker cannot grow, or the query holds more than a quarter of the limit (an eighth when partitioned;
    /// merging tables can double their arrays), every worker freezes its tables and spills rows of new keys; then all states are merged into one
    /// and the spilled partitions are returned with it.
    /// </summary>
    private ParallelOutcome RunParallel(
        Func<CancellationToken, IEnumerable<RecordBatch>[]> partitions, Memory.MemoryReservation memory, SpillingAggregation spilling)
    {
        var freeze = 0;
        var pool = Context.Memory;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Context.Cancellation);
        var streams = partitions(cts.Token);
        var first = SpillingAggregation.Sliced(streams[0], Context.BatchSize).GetEnumerator();
        RecordBatch? sample;
        GroupPartitioner? partitioner;
        try
        {
            sample = first.MoveNext() ? first.Current : null;
            partitioner = ChoosePartitioner(sample, streams.Length);
        }
        catch
        {
            cts.Cancel();
            first.Dispose();
            throw;
        }
        var partitionCount = partitioner?.Count ?? 1;
        // Workers freeze at a quarter of the limit: merging tables can double their arrays. Partitioned states that
        // spill are merged into one table, which can be twice the size of the partitions' tables together: an eighth.
        var mergeHeadroom = partitioner is null ? 4 : 8;
        var states = new AggregationState[streams.Length][];
        var spilled = new List<Memory.SpillFile>[streams.Length];
        var reservations = new Memory.MemoryReservation[streams.Length];
        for (var w = 0; w < reservations.Length; w++) reservations[w] = Context.Reserve("HashAggregate", _plan);
        var tasks = new Task[streams.Length];
        for (var w = 0; w < streams.Length; w++)
        {
            var index = w;
            var input = w == 0 ? Resumed(sample, first) : SpillingAggregation.Sliced(streams[w], Context.BatchSize);
            tasks[w] = Task.Factory.StartNew(
                () =>
                {
                    SpillingAggregation.Spill? spill = null;
                    try
                    {
                        var mine = new AggregationState[partitionCount];
                        for (var p = 0; p < mine.Length; p++) mine[p] = NewState();
                        foreach (var batch in input)
                        {
                            cts.Token.ThrowIfCancellationRequested();
                            if (partitioner is null) ConsumeOne(mine[0], batch, spill);
                            else ConsumePartitioned(mine, partitioner, batch, spill);
                            if (spill is not null) continue;
                            var bytes = 0L;
                            foreach (var state in mine) bytes += state.MemoryBytes;
                            var canSpill = spilling.CanSpill(mine[0], 0);
                            var fits = SpillingAggregation.TryResize(reservations[index], bytes) && !(canSpill && pool.Reserved > pool.Limit / mergeHeadroom);
                            if (fits && Volatile.Read(ref freeze) == 0) continue;
                            if (!canSpill)
                            {
                                reservations[index].Resize(bytes);
                                continue;
                            }
                            Volatile.Write(ref freeze, 1);
                            spill = spilling.StartSpill(mine[0], 0);
                        }
                        spilled[index] = spill?.Writer.Finish() ?? [];
                        states[index] = mine;
                    }
                    catch
                    {
                        cts.Cancel();
                        throw;
                    }
                    finally
                    {
                        spill?.Writer.Dispose();
                        if (index == 0) first.Dispose();
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }
        WaitAll(tasks, reservations);
        var files = new List<Memory.SpillFile>();
        foreach (var list in spilled) files.AddRange(list);
        if (partitioner is not null && files.Count == 0)
        {
            Context.Profile?.For(_plan).SetNote($"groups merged in {partitionCount} key partitions in parallel");
            return new ParallelOutcome(MergePartitions(states, reservations, memory), null, files);
        }
        return new ParallelOutcome(null, MergeAll(states, reservations, memory), files);
    }

    /// <summary>
    /// A partitioner when the first batch shows many distinct keys and there are several workers, else null (one
    /// state per worker, merged serially: cheapest for few groups).
    /// </summary>
    private GroupPartitioner? ChoosePartitioner(RecordBatch? sample, int workers)
    {
        if (sample is null || workers < 2 || _plan.GroupBy.Count == 0 || sample.RowCount < MinSampleRows) return null;
        var probe = NewState();
        probe.Consume(sample);
        if ((long)probe.GroupCount * RowsPerGroupToPartition < sample.RowCount) return null;
        var bits = Math.Min(PartitionBitsPerWorker + (int)Math.Ceiling(Math.Log2(workers)), 8);
        return new GroupPartitioner(probe.KeyTypes, bits);
    }

    /// <summary>The batch already read from an enumerator, then the rest of it.</summary>
    private static IEnumerable<RecordBatch> Resumed(RecordBatch? sample, IEnumerator<RecordBatch> rest)
    {
        if (sample is null) yield break;
        yield return sample;
        while (rest.MoveNext()) yield return rest.Current;
    }

    private static void ConsumeOne(AggregationState state, RecordBatch batch, SpillingAggregation.Spill? spill)
    {
        if (spill is null) state.Consume(batch);
        else SpillingAggregation.ConsumeFrozen(state, batch, spill);
    }

    private static void ConsumePartitioned(AggregationState[] states, GroupPartitioner partitioner, RecordBatch batch, SpillingAggregation.Spill? spill)
    {
        var rows = batch.RowCount;
        var ordered = ArrayPool<int>.Shared.Rent(rows);
        try
        {
            var starts = partitioner.Split(states[0].EvaluateKeys(batch), rows, ordered);
            for (var p = 0; p < states.Length; p++)
            {
                var count = starts[p + 1] - starts[p];
                if (count == 0) continue;
                var part = count == rows ? batch : batch.Take(ordered.AsSpan(starts[p], count));
                ConsumeOne(states[p], part, spill);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ordered);
        }
    }

    private void WaitAll(Task[] tasks, Memory.MemoryReservation[] reservations)
    {
        try
        {
            Task.WaitAll(tasks, CancellationToken.None);
        }
        catch (AggregateException e)
        {
            foreach (var reservation in reservations) reservation.Free();
            Context.Cancellation.ThrowIfCancellationRequested();
            var first = e.InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException) ?? e.InnerExceptions[0];
            ExceptionDispatchInfo.Throw(first);
        }
    }

    /// <summary>Every worker's states folded into one, serially (few groups, or rows were spilled).</summary>
    private static AggregationState MergeAll(AggregationState[][] states, Memory.MemoryReservation[] reservations, Memory.MemoryReservation memory)
    {
        var result = states[0][0];
        for (var w = 0; w < states.Length; w++)
        {
            for (var p = w == 0 ? 1 : 0; p < states[w].Length; p++)
            {
                result.Merge(states[w][p]);
                states[w][p] = null!;
            }
            // The worker's states now live in the result: its reservation moves there.
            reservations[w].Free();
            memory.Resize(result.MemoryBytes);
        }
        return result;
    }

    /// <summary>
    /// Each key partition merged across the workers and finished on its own task (partitions share no key); the
    /// finished groups replace the workers' reservations with one for the results.
    /// </summary>
    private RecordBatch[] MergePartitions(AggregationState[][] states, Memory.MemoryReservation[] reservations, Memory.MemoryReservation memory)
    {
        var results = new RecordBatch[states[0].Length];
        var tasks = new Task[results.Length];
        for (var p = 0; p < results.Length; p++)
        {
            var partition = p;
            tasks[p] = Task.Run(() =>
            {
                var merged = states[0][partition];
                for (var w = 1; w < states.Length; w++)
                {
                    Context.Cancellation.ThrowIfCancellationRequested();
                    merged.Merge(states[w][partition]);
                    states[w][partition] = null!;
                }
                states[0][partition] = null!;
                results[partition] = merged.Finish(Schema);
            });
        }
        WaitAll(tasks, reservations);
        var bytes = 0L;
        foreach (var result in results) bytes += Memory.BatchBytes.Of(result);
        foreach (var reservation in reservations) reservation.Free();
        if (!SpillingAggregation.TryResize(memory, bytes))
        {
            // The results passed the tables' estimate: fail when spilling is off, else emit them without a reservation
            // (they are already built).
            if (!Context.Memory.SpillEnabled) memory.Resize(bytes);
            memory.Free();
        }
        return results;
    }

    /// <summary>The partitions' groups in batches of at most the batch size, each result released once emitted.</summary>
    private IEnumerable<RecordBatch> EmitPartitions(RecordBatch[] results, Memory.MemoryReservation memory)
    {
        for (var p = 0; p < results.Length; p++)
        {
            var result = results[p];
            results[p] = null!;
            for (var start = 0; start < result.RowCount; start += Context.BatchSize)
            {
                Context.Cancellation.ThrowIfCancellationRequested();
                yield return start == 0 && result.RowCount <= Context.BatchSize ? result : result.Slice(start, Math.Min(Context.BatchSize, result.RowCount - start));
            }
            if (memory.Size > 0) memory.Shrink(Math.Min(memory.Size, Memory.BatchBytes.Of(result)));
        }
        memory.Free();
    }
}
