using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.DynamicFiltering;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Execution.Operators.Join.HashJoin;

/// <summary>
/// Equi-join: builds a <see cref="HashJoinBuild"/> over the right input, then streams the left input through a
/// <see cref="HashJoinProbe"/>. <see cref="Probes"/> lets parallel pipelines run one probe per worker over one shared build.
/// </summary>
internal sealed class HashJoinOperator : Operator
{
    private readonly HashJoinExec _plan;
    private readonly Operator _left;
    private readonly Operator _right;
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
        _combined = JoinSchemas.Combined(left.Schema, right.Schema);
        JoinSchemas.CheckOutput(plan.JoinType, plan.Schema, left.Schema, right.Schema);
        // Compile once now so plan errors surface when the query is built.
        _ = CompileKeys();
        _ = CompileFilter();
    }

    /// <summary>Left and right key evaluators, unified to common types where they differ.</summary>
    private (Evaluator[] Left, Evaluator[] Right) CompileKeys()
    {
        var left = ExpressionCompiler.CompileAll(_plan.LeftKeys, _left.Schema);
        var right = ExpressionCompiler.CompileAll(_plan.RightKeys, _right.Schema);
        for (var i = 0; i < left.Length; i++)
        {
            if (left[i].Type.Equals(right[i].Type)) continue;
            var common = TypeRules.CommonSuperType(left[i].Type, right[i].Type)
                ?? throw new InternalException($"join keys of types {left[i].Type} and {right[i].Type}");
            left[i] = ExpressionCompiler.Coerce(left[i], common);
            right[i] = ExpressionCompiler.Coerce(right[i], common);
        }
        return (left, right);
    }

    private Evaluator? CompileFilter() =>
        _plan.Filter is null ? null : ExpressionCompiler.Coerce(ExpressionCompiler.Compile(_plan.Filter, _combined), DataType.Boolean);

    private HashJoinBuild BuildSide()
    {
        var build = HashJoinBuild.Create(_right, CompileKeys().Right, _plan.NullsEqual, Context.Reserve("HashJoin build", _plan), Context.Cancellation);
        PublishDynamicFilter(build);
        return build;
    }

    /// <summary>Tells the probe-side scan the range (and, when few, the set) of build keys, before any probe row is read.</summary>
    private void PublishDynamicFilter(HashJoinBuild build)
    {
        if (_plan.DynamicFilter is not { } target || _plan.NullsEqual || build.Batch.RowCount == 0) return;
        var keys = CompileKeys().Right[target.KeyIndex].EvaluateFlat(build.Batch);
        if (DynamicFilterValues.Of(keys) is { } values) Context.DynamicFilters.Publish(target.Key, values);
    }

    private bool BuildEmptyMeansNoOutput => _plan.JoinType is JoinType.Inner or JoinType.LeftSemi or JoinType.Right;

    /// <summary>A probe with its own evaluators and emitter (one per thread).</summary>
    private (HashJoinProbe Probe, JoinEmitter Emitter) NewProbe(HashJoinBuild build, bool[]? buildMatched)
    {
        var emitter = new JoinEmitter(_plan.JoinType, Schema, _combined, build.Batch, CompileFilter(), Context.BatchSize, buildMatched);
        return (new HashJoinProbe(build.Table, build.Encoder, CompileKeys().Left, emitter, _plan.NullsEqual, Context.BatchSize), emitter);
    }

    public override IEnumerable<RecordBatch> Execute()
    {
        var build = BuildSide();
        using var memory = build.Memory;
        if (build.Batch.RowCount == 0 && BuildEmptyMeansNoOutput) yield break;
        var (probe, emitter) = NewProbe(build, null);
        foreach (var batch in _left.Execute())
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            if (batch.RowCount == 0) continue;
            foreach (var output in probe.Probe(batch)) yield return output;
        }
        foreach (var output in emitter.FinishBuild()) yield return output;
    }

    /// <summary>Whether the join can run as independent per-worker probes (no unmatched build rows to emit at the end).</summary>
    public bool CanProbeInParallel => _plan.JoinType is JoinType.Inner or JoinType.Left or JoinType.LeftSemi or JoinType.LeftAnti;

    /// <summary>
    /// Probes the given left-side streams (one per worker) against one build, made once by whichever worker needs it
    /// first. Each returned stream must be enumerated on one thread.
    /// </summary>
    public IEnumerable<RecordBatch>[] Probes(IEnumerable<RecordBatch>[] leftStreams)
    {
        var build = new Lazy<HashJoinBuild>(BuildSide, LazyThreadSafetyMode.ExecutionAndPublication);
        var result = new IEnumerable<RecordBatch>[leftStreams.Length];
        for (var i = 0; i < result.Length; i++) result[i] = ProbeStream(build, leftStreams[i]);
        return result;
    }

    private IEnumerable<RecordBatch> ProbeStream(Lazy<HashJoinBuild> shared, IEnumerable<RecordBatch> left)
    {
        var build = shared.Value;
        if (build.Batch.RowCount == 0 && BuildEmptyMeansNoOutput) yield break;
        var (probe, _) = NewProbe(build, null);
        foreach (var batch in left)
        {
            if (batch.RowCount == 0) continue;
            foreach (var output in probe.Probe(batch)) yield return output;
        }
    }
}
