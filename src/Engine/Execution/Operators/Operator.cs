using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Operators;

/// <summary>
/// A running plan node: a pull-based producer of batches that all have <see cref="Schema"/>. Operators are built once
/// per query by <see cref="ExecutionBuilder"/>; <see cref="Execute"/> is enumerated once.
/// </summary>
internal abstract class Operator
{
    protected Operator(Schema schema, ExecutionContext context)
    {
        Schema = schema;
        Context = context;
    }

    public Schema Schema { get; }

    protected ExecutionContext Context { get; }

    public abstract IEnumerable<RecordBatch> Execute();
}
