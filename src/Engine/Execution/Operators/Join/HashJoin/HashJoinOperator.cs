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
/// A build over the memory limit turns the join into a grace hash join (HashJoinOperator.Spill.cs).
/// </summary>
internal sealed partial class HashJoinOperator : Operator
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

    public override IEnumerable<RecordBatch> Execute() => Join(_right.Execute(), _left.Execute(), 0);

    /// <summary>Probes every left batch against an in-memory build, then emits the unmatched build rows (right/full); frees the build.</summary>
    private IEnumerable<RecordBatch> ProbeAll(HashJoinBuild build, IEnumerable<RecordBatch> left)
    {
        using var memory = build.Memory;
        if (build.Batch.RowCount == 0 && BuildEmptyMeansNoOutput) yield break;
        var (probe, emitter) = NewProbe(build, null);
        foreach (var batch in left)
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
        var build = new Lazy<BuildOutcome>(() => Build(_right.Execute(), 0), LazyThreadSafetyMode.ExecutionAndPublication);
        var spilled = new SpilledProbeSides(leftStreams.Length);
        var result = new IEnumerable<RecordBatch>[leftStreams.Length];
        for (var i = 0; i < result.Length; i++) result[i] = ProbeStream(build, leftStreams[i], spilled);
        return result;
    }

    private IEnumerable<RecordBatch> ProbeStream(Lazy<BuildOutcome> shared, IEnumerable<RecordBatch> left, SpilledProbeSides spilled)
    {
        var outcome = shared.Value;
        if (outcome.Build is not { } build)
        {
            // Grace hash join: every worker partitions its share of the probe side; the last one joins the partitions.
            var parts = PartitionProbe(left, outcome.Level);
            if (spilled.Add(parts) is not { } all) yield break;
            foreach (var output in JoinPartitions(outcome.Partitions!, all, outcome.Level)) yield return output;
            yield break;
        }
        if (build.Batch.RowCount == 0 && BuildEmptyMeansNoOutput) yield break;
        var (probe, _) = NewProbe(build, null);
        foreach (var batch in left)
        {
            if (batch.RowCount == 0) continue;
            foreach (var output in probe.Probe(batch)) yield return output;
        }
    }
}
