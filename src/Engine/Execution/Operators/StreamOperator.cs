using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Operators;

/// <summary>Wraps an existing batch stream (e.g. one partition of a scan) as an operator input.</summary>
internal sealed class StreamOperator : Operator
{
    private readonly IEnumerable<RecordBatch> _stream;

    public StreamOperator(Schema schema, IEnumerable<RecordBatch> stream, ExecutionContext context) : base(schema, context) => _stream = stream;

    public override IEnumerable<RecordBatch> Execute() => _stream;
}
