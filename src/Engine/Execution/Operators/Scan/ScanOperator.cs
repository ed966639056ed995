using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.DynamicFiltering;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Execution.Operators.Scan;

/// <summary>
/// Scans a table source: plans its tasks, runs them (on worker threads when parallelism allows, merging through a
/// bounded channel; batch order across tasks is then unspecified) and applies the scan's filters to every batch.
/// </summary>
internal sealed class ScanOperator : Operator
{
    private readonly ScanExec _plan;
    private readonly Catalog.ScanContext _scan;
    private readonly OperatorStats? _stats;

    public ScanOperator(ScanExec plan, ExecutionContext context) : base(plan.Schema, context)
    {
        _plan = plan;
        _stats = context.Profile?.For(plan);
        _scan = _stats?.Scan(context.Scan) ?? context.Scan;
        // Compiled now to surface plan errors at build time; each run compiles its own copies.
        if (plan.Filters.Count > 0) _ = ExpressionCompiler.CompileAll(plan.Filters, plan.Schema);
    }

    public ScanExec Plan => _plan;

    /// <summary>The tasks to run and the row filters to apply: the plan's, plus those of the dynamic filters published so far.</summary>
    private sealed record PlannedScan(IReadOnlyList<IScanTask> Tasks, IReadOnlyList<PhysicalExpr> RowFilters);

    private PlannedScan PlanTasks()
    {
        var rowFilters = _plan.Filters;
        var sourceFilters = _plan.SourceFilters;
        DynamicFilterReport? report = null;
        foreach (var target in _plan.DynamicFilters)
        {
            if (Context.DynamicFilters.Find(target.Key) is not { } values) continue;
            var field = _plan.Schema[target.OutputColumn];
            var sourceField = _plan.Source.Schema[target.SourceColumn];
            rowFilters = [.. rowFilters, .. values.Predicates(new ColumnExpr(target.OutputColumn, field.Type, field.Name))];
            sourceFilters = [.. sourceFilters, .. values.Predicates(new ColumnExpr(target.SourceColumn, sourceField.Type, sourceField.Name))];
            report = (report ?? new DynamicFilterReport()).With(field.Name, values);
        }
        // String columns a row filter can evaluate per dictionary entry may come dictionary-encoded; RunTasks
        // materializes them (only the surviving rows) before batches leave the scan, except the plan's EncodedColumns
        // (group keys an aggregation takes encoded).
        var encodable = EncodedColumnFilter.Create(rowFilters, Schema)?.EncodableColumns().ToHashSet() ?? [];
        encodable.UnionWith(_plan.EncodedColumns);
        var request = new ScanRequest(_plan.Projection, sourceFilters, Context.BatchSize) { RowsOnly = _plan.RowsOnly, DictionaryColumns = encodable is { Count: > 0 } ? encodable : null };
        var tasks = _plan.Source.PlanScan(request);
        if (_stats is not null)
        {
            var pruning = (_plan.Source as IScanStatistics)?.LastPruning.Describe();
            if ((_plan.Source as IBucketedSource)?.LastBucketScan?.Describe() is { } buckets) pruning = pruning is null ? buckets : $"{buckets}, {pruning}";
            var note = report is null ? pruning : pruning is null ? report.Describe() : $"{report.Describe()}, {pruning}";
            if (note is not null) _stats.SetNote(note);
        }
        return new PlannedScan(tasks, rowFilters);
    }

    private static EncodedColumnFilter? CompileFilter(PlannedScan scan, Schema schema) => EncodedColumnFilter.Create(scan.RowFilters, schema);

    public override IEnumerable<RecordBatch> Execute()
    {
        var scan = PlanTasks();
        var workers = Math.Min(Context.MaxParallelism, scan.Tasks.Count);
        var cursor = new WorkCursor(scan.Tasks.Count);
        if (workers <= 1) return RunTasks(scan.Tasks, cursor, CompileFilter(scan, Schema), Context.Cancellation);
        return ParallelBatches.Run(workers, (_, token) => RunTasks(scan.Tasks, cursor, CompileFilter(scan, Schema), token), Context.Cancellation);
    }

    /// <summary>
    /// <paramref name="count"/> independent streams over disjoint sets of this scan's tasks (tasks are claimed
    /// dynamically), for operators that run a pipeline per worker. The tasks are planned when the first stream starts,
    /// after the hash joins the streams feed have built (and published their dynamic filters). Each stream must be
    /// enumerated on one thread.
    /// </summary>
    public IEnumerable<RecordBatch>[] Partitions(int count, CancellationToken token)
    {
        var shared = new Lazy<(PlannedScan Scan, WorkCursor Cursor)>(() =>
        {
            var scan = PlanTasks();
            return (scan, new WorkCursor(scan.Tasks.Count));
        }, LazyThreadSafetyMode.ExecutionAndPublication);
        count = Math.Max(1, count);
        var streams = new IEnumerable<RecordBatch>[count];
        for (var i = 0; i < count; i++) streams[i] = RunPlanned(shared, token);
        return streams;
    }

    private IEnumerable<RecordBatch> RunPlanned(Lazy<(PlannedScan Scan, WorkCursor Cursor)> shared, CancellationToken token)
    {
        var (scan, cursor) = shared.Value;
        foreach (var batch in RunTasks(scan.Tasks, cursor, CompileFilter(scan, Schema), token)) yield return batch;
    }

    private IEnumerable<RecordBatch> RunTasks(IReadOnlyList<IScanTask> tasks, WorkCursor cursor, EncodedColumnFilter? filter, CancellationToken token)
    {
        while (cursor.TryNext(out var index))
        {
            foreach (var raw in tasks[index].Execute(_scan))
            {
                token.ThrowIfCancellationRequested();
                var batch = Conform(raw);
                if (filter is not null)
                {
                    var kept = filter.Apply(batch);
                    if (kept is null) continue;
                    batch = kept;
                }
                // Operators downstream take flat arrays, except the aggregation the plan's EncodedColumns feed.
                batch = DictionaryArray.Flat(batch, _plan.EncodedColumns);
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
