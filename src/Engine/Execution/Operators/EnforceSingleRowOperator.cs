using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Execution.Operators;

/// <summary>A scalar subquery's input: exactly one row passes; none gives one all-null row, more is an error.</summary>
internal sealed class EnforceSingleRowOperator : Operator
{
    private readonly Operator _input;

    public EnforceSingleRowOperator(Operator input, ExecutionContext context) : base(input.Schema, context) => _input = input;

    public override IEnumerable<RecordBatch> Execute()
    {
        RecordBatch? row = null;
        foreach (var batch in _input.Execute())
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            if (batch.RowCount == 0) continue;
            if (row is not null || batch.RowCount > 1) throw new ExecutionException("Scalar subquery returned more than one row");
            row = batch;
        }
        if (row is null)
        {
            var columns = new ArrowArray[Schema.Count];
            for (var i = 0; i < columns.Length; i++) columns[i] = ArrayFactory.AllNull(Schema[i].Type, 1);
            row = new RecordBatch(Schema, columns, 1);
        }
        yield return row;
    }
}
