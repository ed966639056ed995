using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Execution.Operators.Scan;

/// <summary>
/// Scans a table source: plans its tasks, runs them (on worker threads when parallelism allows, merging through a
/// bounded channel; batch order across tasks is then unspecified) and applies the scan's filters to every batch.
/// </summary>
internal sealed class ScanOperator : Operator
{
    private readonly ScanExec _plan;
    private readonly Evaluator[]? _sharedFilters;
    private readonly Catalog.ScanContext _scan;

    public ScanOperator(ScanExec plan, ExecutionContext context) : base(plan.Schema, context)
    {
        _plan = plan;
        _scan = context.Profile?.For(plan).Scan(context.Scan) ?? context.Scan;
        // Compiled once to surface plan errors at build time; workers compile their own copies.
        _sharedFilters = plan.Filters.Count == 0 ? null : ExpressionCompiler.CompileAll(plan.Filters, plan.Schema);
    }

    public ScanExec Plan => _plan;

    private Evaluator? CompileFilter() =>
        _sharedFilters is null ? null : BatchFilter.Conjunction(ExpressionCompiler.CompileAll(_plan.Filters, _plan.Schema));

    private IReadOnlyList<IScanTask> PlanTasks() => _plan.Source.PlanScan(new ScanRequest(_plan.Projection, _plan.SourceFilters, Context.BatchSize));

    public override IEnumerable<RecordBatch> Execute()
    {
        var tasks = PlanTasks();
        var workers = Math.Min(Context.MaxParallelism, tasks.Count);
        var cursor = new WorkCursor(tasks.Count);
        if (workers <= 1) return RunTasks(tasks, cursor, BatchFilter.Conjunction(_sharedFilters ?? []), Context.Cancellation);
        return ParallelBatches.Run(workers, (_, token) => RunTasks(tasks, cursor, CompileFilter(), token), Context.Cancellation);
    }

    /// <summary>
    /// Up to <paramref name="count"/> independent streams over disjoint sets of this scan's tasks (tasks are claimed
    /// dynamically), for operators that run a pipeline per worker. Each stream must be enumerated on one thread.
    /// </summary>
    public IEnumerable<RecordBatch>[] Partitions(int count, CancellationToken token)
    {
        var tasks = PlanTasks();
        var cursor = new WorkCursor(tasks.Count);
        count = Math.Max(1, Math.Min(count, tasks.Count));
        var streams = new IEnumerable<RecordBatch>[count];
        for (var i = 0; i < count; i++) streams[i] = RunTasks(tasks, cursor, CompileFilter(), token);
        return streams;
    }

    private IEnumerable<RecordBatch> RunTasks(IReadOnlyList<IScanTask> tasks, WorkCursor cursor, Evaluator? filter, CancellationToken token)
    {
        while (cursor.TryNext(out var index))
        {
            foreach (var raw in tasks[index].Execute(_scan))
            {
                token.ThrowIfCancellationRequested();
                var batch = Conform(raw);
                if (filter is not null)
                {
                    var kept = BatchFilter.Apply(filter, batch);
                    if (kept is null) continue;
                    batch = kept;
                }
                if (batch.RowCount > 0) yield return batch;
            }
        }
    }

    private RecordBatch Conform(RecordBatch batch)
    {
        if (ReferenceEquals(batch.Schema, Schema)) return batch;
        if (batch.Columns.Count != Schema.Count)
        {
            throw new InternalException($"scan of {_plan.TableName} produced {batch.Columns.Count} columns, expected {Schema.Count}");
        }
        for (var i = 0; i < Schema.Count; i++)
        {
            if (batch.Column(i).Type.Id != Schema[i].Type.Id)
            {
                throw new InternalException($"scan of {_plan.TableName} produced column {i} as {batch.Column(i).Type}, expected {Schema[i].Type}");
            }
        }
        return batch.WithSchema(Schema);
    }
}
