using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Operators;

/// <summary>
/// Runs the per-worker copies of a pipeline (see <see cref="Pipelines"/>) on worker threads and merges their output
/// into one stream (order across workers unspecified). With a single partition it runs on the caller's thread.
/// </summary>
internal sealed class GatherOperator : Operator
{
    private readonly Func<CancellationToken, IEnumerable<RecordBatch>[]> _partitions;

    public GatherOperator(Schema schema, Func<CancellationToken, IEnumerable<RecordBatch>[]> partitions, ExecutionContext context) : base(schema, context) =>
        _partitions = partitions;

    public override IEnumerable<RecordBatch> Execute()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Context.Cancellation);
        var streams = _partitions(cts.Token);
        var merged = streams.Length == 1 ? streams[0] : ParallelBatches.Run(streams.Length, (i, _) => streams[i], cts.Token);
        try
        {
            foreach (var batch in merged)
            {
                Context.Cancellation.ThrowIfCancellationRequested();
                yield return ReferenceEquals(batch.Schema, Schema) ? batch : batch.WithSchema(Schema);
            }
        }
        finally
        {
            cts.Cancel();
        }
    }
}
