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
        var (state, spilled) = RunParallel(_partitions, memory, spilling);
        // Rows the workers spilled go through the merged state like any input (level 1: a new hash seed).
        var outputs = spilling.Run(state, ReadAll(spilled), 1, memory);
        state = null!;
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
    /// Workers aggregate their share into private states. When one cannot grow, or the query holds more than a quarter
    /// of the limit (merging tables can double their arrays), every worker freezes its table and spills rows of new keys; the spilled
    /// partitions are returned with the merged state.
    /// </summary>
    private (AggregationState State, List<Memory.SpillFile> Spilled) RunParallel(
        Func<CancellationToken, IEnumerable<RecordBatch>[]> partitions, Memory.MemoryReservation memory, SpillingAggregation spilling)
    {
        var freeze = 0;
        var pool = Context.Memory;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Context.Cancellation);
        var streams = partitions(cts.Token);
        var states = new AggregationState[streams.Length];
        var spilled = new List<Memory.SpillFile>[streams.Length];
        var reservations = new Memory.MemoryReservation[streams.Length];
        for (var w = 0; w < reservations.Length; w++) reservations[w] = Context.Reserve("HashAggregate", _plan);
        var tasks = new Task[streams.Length];
        for (var w = 0; w < streams.Length; w++)
        {
            var index = w;
            tasks[w] = Task.Factory.StartNew(
                () =>
                {
                    SpillingAggregation.Spill? spill = null;
                    try
                    {
                        var state = NewState();
                        foreach (var batch in SpillingAggregation.Sliced(streams[index], Context.BatchSize))
                        {
                            cts.Token.ThrowIfCancellationRequested();
                            if (spill is not null)
                            {
                                SpillingAggregation.ConsumeFrozen(state, batch, spill);
                                continue;
                            }
                            state.Consume(batch);
                            var bytes = state.MemoryBytes;
                            var canSpill = spilling.CanSpill(state, 0);
                            var fits = SpillingAggregation.TryResize(reservations[index], bytes) && !(canSpill && pool.Reserved > pool.Limit / 4);
                            if (fits && Volatile.Read(ref freeze) == 0) continue;
                            if (!canSpill)
                            {
                                reservations[index].Resize(bytes);
                                continue;
                            }
                            Volatile.Write(ref freeze, 1);
                            spill = spilling.StartSpill(state, 0);
                        }
                        spilled[index] = spill?.Writer.Finish() ?? [];
                        states[index] = state;
                    }
                    catch
                    {
                        cts.Cancel();
                        throw;
                    }
                    finally
                    {
                        spill?.Writer.Dispose();
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }
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
        var result = states[0];
        reservations[0].Free();
        memory.Resize(result.MemoryBytes);
        for (var i = 1; i < states.Length; i++)
        {
            result.Merge(states[i]);
            states[i] = null!;
            reservations[i].Free();
            memory.Resize(result.MemoryBytes);
        }
        var files = new List<Memory.SpillFile>();
        foreach (var list in spilled) files.AddRange(list);
        return (result, files);
    }
}
