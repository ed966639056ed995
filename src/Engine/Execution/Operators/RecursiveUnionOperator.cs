using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Plan;

namespace QueryEngine.Engine.Execution.Operators;

/// <summary>
/// WITH RECURSIVE: emits the anchor's rows, then runs the step again and again, each time over the rows the previous
/// round produced, emitting them as they come, until a round produces nothing. The step's operators are rebuilt for
/// every round (operators run once).
/// </summary>
internal sealed class RecursiveUnionOperator : Operator
{
    private readonly RecursiveUnionExec _plan;
    private readonly Operator _anchor;

    public RecursiveUnionOperator(RecursiveUnionExec plan, Operator anchor, ExecutionContext context) : base(plan.Schema, context)
    {
        _plan = plan;
        _anchor = anchor;
    }

    public override IEnumerable<RecordBatch> Execute()
    {
        var round = new List<RecordBatch>();
        foreach (var batch in _anchor.Execute())
        {
            if (batch.RowCount == 0) continue;
            var renamed = new RecordBatch(Schema, batch.Columns, batch.RowCount);
            round.Add(renamed);
            yield return renamed;
        }
        for (var depth = 1; round.Count > 0; depth++)
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            if (depth > _plan.MaxRounds)
            {
                throw new ExecutionException($"Recursion depth limit exceeded ({_plan.MaxRounds}): the recursive query still produced rows after {_plan.MaxRounds} rounds");
            }
            Context.WorkTables.Set(_plan.WorkTableId, round);
            var next = new List<RecordBatch>();
            foreach (var batch in ExecutionBuilder.Build(_plan.Step, Context).Execute())
            {
                if (batch.RowCount == 0) continue;
                var renamed = new RecordBatch(Schema, batch.Columns, batch.RowCount);
                next.Add(renamed);
                yield return renamed;
            }
            round = next;
        }
    }
}
