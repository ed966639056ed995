using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Operators;

/// <summary>EXPLAIN ANALYZE: passes an operator's batches through, counting them into its plan node's statistics.</summary>
internal sealed class ProfiledOperator : Operator
{
    private readonly Operator _inner;
    private readonly OperatorStats _stats;

    public ProfiledOperator(Operator inner, OperatorStats stats, ExecutionContext context) : base(inner.Schema, context)
    {
        _inner = inner;
        _stats = stats;
    }

    public override IEnumerable<RecordBatch> Execute() => _stats.Measure(_inner.Execute());
}
