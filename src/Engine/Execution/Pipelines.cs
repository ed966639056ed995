using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Operators;
using QueryEngine.Engine.Execution.Operators.Join.HashJoin;
using QueryEngine.Engine.Execution.Operators.Scan;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Execution;

/// <summary>
/// Parallel pipelines: a plan made of streaming steps over a scan (filters, projections, and hash joins probing with
/// their left input, sharing one build) can run as several independent copies, each over its own share of the scan
/// tasks (claimed dynamically). Every copy gets freshly compiled evaluators, so no state is shared between threads
/// except the immutable join builds.
/// </summary>
internal static class Pipelines
{
    /// <summary>A factory of per-worker streams for <paramref name="plan"/>, or null when it is not a parallel pipeline
    /// or the query runs on one thread.</summary>
    public static Func<CancellationToken, IEnumerable<RecordBatch>[]>? Partitioner(PhysicalPlan plan, ExecutionContext context) =>
        context.MaxParallelism <= 1 ? null : Create(plan, context);

    private static Func<CancellationToken, IEnumerable<RecordBatch>[]>? Create(PhysicalPlan plan, ExecutionContext context)
    {
        var streams = CreateUnprofiled(plan, context);
        if (streams is null || context.Profile is not { } profile) return streams;
        var stats = profile.For(plan);
        return token =>
        {
            var result = streams(token);
            for (var i = 0; i < result.Length; i++) result[i] = stats.Measure(result[i]);
            return result;
        };
    }

    private static Func<CancellationToken, IEnumerable<RecordBatch>[]>? CreateUnprofiled(PhysicalPlan plan, ExecutionContext context)
    {
        switch (plan)
        {
            case ScanExec scan:
                return token => new ScanOperator(scan, context).Partitions(context.MaxParallelism, token);
            case FilterExec filter when Create(filter.Input, context) is { } inner:
                return token => Map(inner(token), filter.Input.Schema, context, input =>
                    new FilterOperator(input, ExpressionCompiler.Coerce(ExpressionCompiler.Compile(filter.Predicate, input.Schema), DataType.Boolean), context));
            case ProjectExec project when Create(project.Input, context) is { } inner:
                return token => Map(inner(token), project.Input.Schema, context, input =>
                    new ProjectOperator(input, ExecutionBuilder.CompileOutputs(project.Exprs, input.Schema, project.Schema), project.Schema, context));
            case HashJoinExec join when join.JoinType is JoinType.Inner or JoinType.Left or JoinType.LeftSemi or JoinType.LeftAnti
                && Create(join.Left, context) is { } inner:
                return token =>
                {
                    var left = new StreamOperator(join.Left.Schema, [], context);
                    var op = new HashJoinOperator(join, left, ExecutionBuilder.Build(join.Right, context), context);
                    return op.Probes(inner(token));
                };
            default:
                return null;
        }
    }

    private static IEnumerable<RecordBatch>[] Map(IEnumerable<RecordBatch>[] streams, Schema schema, ExecutionContext context, Func<Operator, Operator> step)
    {
        var result = new IEnumerable<RecordBatch>[streams.Length];
        for (var i = 0; i < result.Length; i++) result[i] = step(new StreamOperator(schema, streams[i], context)).Execute();
        return result;
    }
}
