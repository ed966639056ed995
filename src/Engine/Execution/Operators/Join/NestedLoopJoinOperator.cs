using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Execution.Operators.Join;

/// <summary>
/// Join on an arbitrary condition (or a cross join): the right input is materialized, and for each left batch the
/// cross product is enumerated in index vectors of at most the batch size, filtered, and emitted. Supports every join type.
/// </summary>
internal sealed class NestedLoopJoinOperator : Operator
{
    private readonly NestedLoopJoinExec _plan;
    private readonly Operator _left;
    private readonly Operator _right;
    private readonly Evaluator? _filter;
    private readonly Schema _combined;

    public NestedLoopJoinOperator(NestedLoopJoinExec plan, Operator left, Operator right, ExecutionContext context) : base(plan.Schema, context)
    {
        _plan = plan;
        _left = left;
        _right = right;
        _combined = JoinSchemas.Combined(left.Schema, right.Schema);
        JoinSchemas.CheckOutput(plan.JoinType, plan.Schema, left.Schema, right.Schema);
        _filter = plan.Filter is null ? null : ExpressionCompiler.Coerce(ExpressionCompiler.Compile(plan.Filter, _combined), DataType.Boolean);
    }

    public override IEnumerable<RecordBatch> Execute()
    {
        var batches = new List<RecordBatch>();
        foreach (var batch in _right.Execute())
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            if (batch.RowCount > 0) batches.Add(batch);
        }
        var build = ArrayConcat.Concat(batches, _right.Schema);
        if (build.RowCount == 0 && _plan.JoinType is JoinType.Inner or JoinType.LeftSemi or JoinType.Right) yield break;
        var emitter = new JoinEmitter(_plan.JoinType, Schema, _combined, build, _filter, Context.BatchSize);
        var size = Context.BatchSize;
        var probeRows = new int[size];
        var buildRows = new int[size];
        var firstOnly = emitter.FirstMatchSuffices;
        foreach (var probe in _left.Execute())
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            if (probe.RowCount == 0) continue;
            emitter.BeginProbe(probe);
            var count = 0;
            for (var i = 0; i < probe.RowCount; i++)
            {
                if (firstOnly && emitter.ProbeMatched(i)) continue;
                for (var j = 0; j < build.RowCount; j++)
                {
                    probeRows[count] = i;
                    buildRows[count] = j;
                    if (++count == size)
                    {
                        var output = emitter.Pairs(probe, probeRows, buildRows, count);
                        count = 0;
                        if (output is not null) yield return output;
                        Context.Cancellation.ThrowIfCancellationRequested();
                        if (firstOnly && emitter.ProbeMatched(i)) break;
                    }
                }
            }
            var rest = emitter.Pairs(probe, probeRows, buildRows, count);
            if (rest is not null) yield return rest;
            foreach (var output in emitter.FinishProbe(probe)) yield return output;
        }
        foreach (var output in emitter.FinishBuild()) yield return output;
    }
}
