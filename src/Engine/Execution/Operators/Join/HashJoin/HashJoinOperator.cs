using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Execution.Operators.Join.HashJoin;

/// <summary>
/// Equi-join: builds a hash table over the right input (materialized and concatenated), then streams the left input
/// through <see cref="HashJoinProbe"/>. Key expressions are compiled once; operand types are unified when they differ.
/// </summary>
internal sealed class HashJoinOperator : Operator
{
    private readonly HashJoinExec _plan;
    private readonly Operator _left;
    private readonly Operator _right;
    private readonly Evaluator[] _leftKeys;
    private readonly Evaluator[] _rightKeys;
    private readonly Evaluator? _filter;
    private readonly Schema _combined;

    public HashJoinOperator(HashJoinExec plan, Operator left, Operator right, ExecutionContext context) : base(plan.Schema, context)
    {
        _plan = plan;
        _left = left;
        _right = right;
        if (plan.LeftKeys.Count != plan.RightKeys.Count || plan.LeftKeys.Count == 0)
        {
            throw new InternalException($"hash join with {plan.LeftKeys.Count} left and {plan.RightKeys.Count} right keys");
        }
        _leftKeys = ExpressionCompiler.CompileAll(plan.LeftKeys, left.Schema);
        _rightKeys = ExpressionCompiler.CompileAll(plan.RightKeys, right.Schema);
        for (var i = 0; i < _leftKeys.Length; i++)
        {
            if (_leftKeys[i].Type.Equals(_rightKeys[i].Type)) continue;
            var common = TypeRules.CommonSuperType(_leftKeys[i].Type, _rightKeys[i].Type)
                ?? throw new InternalException($"join keys of types {_leftKeys[i].Type} and {_rightKeys[i].Type}");
            _leftKeys[i] = ExpressionCompiler.Coerce(_leftKeys[i], common);
            _rightKeys[i] = ExpressionCompiler.Coerce(_rightKeys[i], common);
        }
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
        var encoder = new KeyEncoder([.. _rightKeys.Select(k => k.Type)]);
        var buildKeys = encoder.Encode(EvaluateAll(_rightKeys, build), build.RowCount);
        var table = new JoinHashTable(buildKeys, _plan.NullsEqual);
        var emitter = new JoinEmitter(_plan.JoinType, Schema, _combined, build, _filter, Context.BatchSize);
        var probe = new HashJoinProbe(table, encoder, _leftKeys, emitter, _plan.NullsEqual, Context.BatchSize);
        foreach (var batch in _left.Execute())
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            if (batch.RowCount == 0) continue;
            foreach (var output in probe.Probe(batch)) yield return output;
        }
        foreach (var output in emitter.FinishBuild()) yield return output;
    }

    internal static ArrowArray[] EvaluateAll(Evaluator[] exprs, RecordBatch batch)
    {
        var result = new ArrowArray[exprs.Length];
        for (var i = 0; i < result.Length; i++) result[i] = exprs[i].EvaluateFlat(batch);
        return result;
    }
}
