using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Plan;

namespace QueryEngine.Engine.Execution;

/// <summary>Runs physical plans.</summary>
public static class QueryExecutor
{
    /// <summary>
    /// Builds the operator tree for <paramref name="plan"/> now (so unsupported features and plan errors surface at
    /// once) and returns its output as a lazy, pull-based stream of batches, each with exactly <c>plan.Schema</c>.
    /// Enumerate it once; disposing the enumerator early stops the query (and its worker threads).
    /// </summary>
    public static IEnumerable<RecordBatch> Execute(PhysicalPlan plan, ExecutionContext context)
    {
        var root = ExecutionBuilder.Build(plan, context);
        return Run(root, context);
    }

    private static IEnumerable<RecordBatch> Run(Operators.Operator root, ExecutionContext context)
    {
        try
        {
            foreach (var batch in root.Execute())
            {
                context.Cancellation.ThrowIfCancellationRequested();
                yield return batch;
            }
        }
        finally
        {
            // Ends with the query, whether it finished, failed or was abandoned: its spill files go.
            context.Memory.Dispose();
        }
    }
}
