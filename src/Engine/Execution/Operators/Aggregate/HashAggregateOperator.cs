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
        var state = _partitions is null ? RunSerial(memory) : RunParallel(_partitions, memory);
        var result = state.Finish(Schema);
        memory.Grow(Memory.BatchBytes.Of(result));
        if (result.RowCount <= Context.BatchSize)
        {
            if (result.RowCount > 0) yield return result;
            yield break;
        }
        for (var start = 0; start < result.RowCount; start += Context.BatchSize)
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            yield return result.Slice(start, Math.Min(Context.BatchSize, result.RowCount - start));
        }
    }

    private AggregationState RunSerial(Memory.MemoryReservation memory)
    {
        var state = NewState();
        foreach (var batch in _input.Execute())
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            state.Consume(batch);
            memory.Resize(state.MemoryBytes);
        }
        return state;
    }

    private AggregationState RunParallel(Func<CancellationToken, IEnumerable<RecordBatch>[]> partitions, Memory.MemoryReservation memory)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Context.Cancellation);
        var streams = partitions(cts.Token);
        var states = new AggregationState[streams.Length];
        var reservations = new Memory.MemoryReservation[streams.Length];
        for (var w = 0; w < reservations.Length; w++) reservations[w] = Context.Reserve("HashAggregate", _plan);
        var tasks = new Task[streams.Length];
        for (var w = 0; w < streams.Length; w++)
        {
            var index = w;
            tasks[w] = Task.Factory.StartNew(
                () =>
                {
                    try
                    {
                        var state = NewState();
                        foreach (var batch in streams[index])
                        {
                            cts.Token.ThrowIfCancellationRequested();
                            state.Consume(batch);
                            reservations[index].Resize(state.MemoryBytes);
                        }
                        states[index] = state;
                    }
                    catch
                    {
                        cts.Cancel();
                        throw;
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
            reservations[i].Free();
            memory.Resize(result.MemoryBytes);
        }
        return result;
    }
}
