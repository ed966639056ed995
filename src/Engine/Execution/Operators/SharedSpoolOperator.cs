using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Memory;
using QueryEngine.Engine.Execution.Plan;

namespace QueryEngine.Engine.Execution.Operators;

/// <summary>
/// Reads a shared WITH query result: the first reference to run computes its input plan into memory (the operators
/// are built only then), the others wait for it and read the same batches. The rows are counted against the query's
/// memory limit (exceeding it fails the query with the memory-limit error naming the WITH query) and freed when the
/// last reference has read them.
/// </summary>
internal sealed class SharedSpoolOperator(SharedSpoolExec plan, ExecutionContext context) : Operator(plan.Schema, context)
{
    public override IEnumerable<RecordBatch> Execute()
    {
        var shared = Context.SharedResults.Get(plan.SpoolId);
        var rows = shared.Acquire(plan.Uses, Compute, () => Context.Reserve($"shared WITH query {plan.Name}", plan), out var computed);
        Context.Profile?.For(plan).SetNote(computed ? $"computed for {plan.Uses} uses" : "read the rows another use computed");
        try
        {
            foreach (var batch in rows)
            {
                Context.Cancellation.ThrowIfCancellationRequested();
                yield return new RecordBatch(Schema, batch.Columns, batch.RowCount);
            }
        }
        finally
        {
            shared.Release();
        }
    }

    private List<RecordBatch> Compute(MemoryReservation memory)
    {
        var rows = new List<RecordBatch>();
        foreach (var batch in ExecutionBuilder.Build(plan.Input, Context).Execute())
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            if (batch.RowCount == 0) continue;
            memory.Grow(BatchBytes.Of(batch));
            rows.Add(batch);
        }
        return rows;
    }
}
