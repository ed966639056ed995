using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Execution.Operators;

/// <summary>Keeps rows where the predicate is true; batches that pass entirely are forwarded without copying, empty results are skipped.</summary>
internal sealed class FilterOperator : Operator
{
    private readonly Operator _input;
    private readonly Evaluator _predicate;

    public FilterOperator(Operator input, Evaluator predicate, ExecutionContext context) : base(input.Schema, context)
    {
        _input = input;
        _predicate = predicate;
    }

    public override IEnumerable<RecordBatch> Execute()
    {
        foreach (var batch in _input.Execute())
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            var result = BatchFilter.Apply(_predicate, batch);
            if (result is not null) yield return result;
        }
    }
}
