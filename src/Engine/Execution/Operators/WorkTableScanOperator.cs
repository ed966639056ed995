using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Plan;

namespace QueryEngine.Engine.Execution.Operators;

/// <summary>Reads the previous round's rows of a recursive CTE.</summary>
internal sealed class WorkTableScanOperator(WorkTableScanExec plan, ExecutionContext context) : Operator(plan.Schema, context)
{
    public override IEnumerable<RecordBatch> Execute()
    {
        foreach (var batch in Context.WorkTables.Get(plan.WorkTableId)) yield return new RecordBatch(Schema, batch.Columns, batch.RowCount);
    }
}
