using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Operators;

/// <summary>Concatenates its inputs in order, relabelled with the first input's column names.</summary>
internal sealed class UnionAllOperator : Operator
{
    private readonly Operator[] _inputs;

    public UnionAllOperator(Operator[] inputs, Schema schema, ExecutionContext context) : base(schema, context) => _inputs = inputs;

    public override IEnumerable<RecordBatch> Execute()
    {
        foreach (var input in _inputs)
        {
            foreach (var batch in input.Execute())
            {
                Context.Cancellation.ThrowIfCancellationRequested();
                yield return ReferenceEquals(batch.Schema, Schema) ? batch : batch.WithSchema(Schema);
            }
        }
    }
}
