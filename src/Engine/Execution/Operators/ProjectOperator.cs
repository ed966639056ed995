using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Execution.Operators;

/// <summary>Computes one output column per expression (column references are passed through without copying).</summary>
internal sealed class ProjectOperator : Operator
{
    private readonly Operator _input;
    private readonly Evaluator[] _exprs;

    public ProjectOperator(Operator input, Evaluator[] exprs, Schema schema, ExecutionContext context) : base(schema, context)
    {
        _input = input;
        _exprs = exprs;
    }

    public override IEnumerable<RecordBatch> Execute()
    {
        foreach (var batch in _input.Execute())
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            yield return Project(batch);
        }
    }

    public RecordBatch Project(RecordBatch batch)
    {
        var columns = new ArrowArray[_exprs.Length];
        for (var i = 0; i < columns.Length; i++) columns[i] = _exprs[i].EvaluateFlat(batch);
        return new RecordBatch(Schema, columns, batch.RowCount);
    }
}
