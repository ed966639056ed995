using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;
using QueryEngine.Engine.Execution.Operators.Sort;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Execution.Operators.Window;

/// <summary>
/// Window functions over one PARTITION BY / ORDER BY: materializes the input, sorts it by partition then order keys,
/// finds partitions and peer groups, computes every function as a whole column over the sorted rows and emits the
/// sorted rows with the function columns appended.
/// </summary>
internal sealed class WindowOperator : Operator
{
    private readonly Operator _input;
    private readonly WindowExec _plan;
    private readonly Evaluator[] _partitionKeys;
    private readonly Evaluator[] _orderKeys;
    private readonly Evaluator[] _sortKeys;
    private readonly SortKey[] _sortSpecs;

    public WindowOperator(WindowExec plan, Operator input, ExecutionContext context) : base(plan.Schema, context)
    {
        _input = input;
        _plan = plan;
        _partitionKeys = ExpressionCompiler.CompileAll(plan.PartitionBy, input.Schema);
        _orderKeys = new Evaluator[plan.OrderBy.Count];
        for (var i = 0; i < _orderKeys.Length; i++) _orderKeys[i] = ExpressionCompiler.Compile(plan.OrderBy[i].Expr, input.Schema);
        _sortKeys = [.. _partitionKeys, .. _orderKeys];
        _sortSpecs = [.. plan.PartitionBy.Select(p => new SortKey(p, Ascending: true, NullsFirst: true)), .. plan.OrderBy];
    }

    public override IEnumerable<RecordBatch> Execute()
    {
        // The buffered input, its sorted copy and the function columns: reserved as three times the input.
        using var memory = Context.Reserve("Window", _plan);
        var batches = new List<RecordBatch>();
        foreach (var batch in _input.Execute())
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            if (batch.RowCount == 0) continue;
            memory.Grow(3 * Memory.BatchBytes.Of(batch));
            batches.Add(batch);
        }
        if (batches.Count == 0) yield break;
        var sorted = ArrayConcat.Concat(batches, _input.Schema);
        batches.Clear();
        if (_sortKeys.Length > 0) sorted = sorted.Take(SortOperator.SortBatch(sorted, _sortKeys, _sortSpecs));
        var rows = sorted.RowCount;

        var partitionBoundary = new bool[rows];
        foreach (var key in _partitionKeys) BoundaryMarker.Mark(key.EvaluateFlat(sorted), partitionBoundary);
        var peerBoundary = new bool[rows];
        var orderValues = new ArrowArray[_orderKeys.Length];
        for (var k = 0; k < orderValues.Length; k++)
        {
            orderValues[k] = _orderKeys[k].EvaluateFlat(sorted);
            BoundaryMarker.Mark(orderValues[k], peerBoundary);
        }
        var layout = WindowLayout.Build(partitionBoundary, peerBoundary, rows);

        var columns = new ArrowArray[Schema.Count];
        for (var c = 0; c < sorted.Columns.Count; c++) columns[c] = sorted.Column(c);
        for (var f = 0; f < _plan.Functions.Count; f++)
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            var column = ComputeFunction(_plan.Functions[f], sorted, layout, orderValues);
            columns[sorted.Columns.Count + f] = column.Type == Schema[sorted.Columns.Count + f].Type
                ? column
                : throw new InternalException($"window function produced {column.Type.SqlName}, expected {Schema[sorted.Columns.Count + f].Type.SqlName}");
        }
        var output = new RecordBatch(Schema, columns, rows);
        for (var start = 0; start < rows; start += Context.BatchSize)
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            yield return start == 0 && rows <= Context.BatchSize ? output : output.Slice(start, Math.Min(Context.BatchSize, rows - start));
        }
    }

    private ArrowArray ComputeFunction(WindowFunctionCall call, RecordBatch sorted, WindowLayout layout, ArrowArray[] orderValues)
    {
        var rows = sorted.RowCount;
        switch (call.Function)
        {
            case WindowFunction.RowNumber: return RankingFunctions.RowNumber(layout, rows);
            case WindowFunction.Rank: return RankingFunctions.Rank(layout, rows);
            case WindowFunction.DenseRank: return RankingFunctions.DenseRank(layout, rows);
            case WindowFunction.PercentRank: return RankingFunctions.PercentRank(layout, rows);
            case WindowFunction.CumeDist: return RankingFunctions.CumeDist(layout, rows);
            case WindowFunction.Ntile: return RankingFunctions.Ntile(layout, Int64Arg(call, 0, sorted), rows);
            case WindowFunction.Lag or WindowFunction.Lead:
                return ValueFunctions.Shift(layout, Arg(call, 0, sorted), Int64Arg(call, 1, sorted), Arg(call, 2, sorted), call.Function == WindowFunction.Lead, call.IgnoreNulls);
        }
        var frames = FrameBounds.Compute(call.Frame, layout, rows, orderValues.Length == 1 ? orderValues[0] : null, _plan.OrderBy.Count == 1 && _plan.OrderBy[0].Ascending);
        switch (call.Function)
        {
            case WindowFunction.FirstValue or WindowFunction.LastValue:
                return ValueFunctions.FirstOrLast(frames, Arg(call, 0, sorted), call.Function == WindowFunction.LastValue, call.IgnoreNulls);
            case WindowFunction.NthValue:
                return ValueFunctions.Nth(frames, Arg(call, 0, sorted), Int64Arg(call, 1, sorted), call.IgnoreNulls);
            case WindowFunction.Aggregate:
                return Aggregate(call, sorted, frames, layout);
            default:
                throw new InternalException($"unknown window function {call.Function}");
        }
    }

    private ArrowArray Aggregate(WindowFunctionCall call, RecordBatch sorted, FrameBounds frames, WindowLayout layout)
    {
        var aggregate = call.Aggregate ?? throw new InternalException("window aggregate without its call");
        var args = new ArrowArray[aggregate.Args.Count];
        DataType? inputType = null;
        for (var a = 0; a < args.Length; a++)
        {
            var evaluator = ExpressionCompiler.Compile(aggregate.Args[a], _input.Schema);
            if (a == 0)
            {
                inputType = AccumulatorFactory.InputType(aggregate, evaluator.Type);
                if (inputType is not null) evaluator = ExpressionCompiler.Coerce(evaluator, inputType);
            }
            args[a] = evaluator.EvaluateFlat(sorted);
        }
        bool[]? keep = null;
        if (aggregate.Filter is { } filter)
        {
            var predicate = ExpressionCompiler.Coerce(ExpressionCompiler.Compile(filter, _input.Schema), DataType.Boolean);
            keep = new bool[sorted.RowCount];
            foreach (var row in Selection.TrueRows(predicate.Evaluate(sorted), sorted.RowCount)) keep[row] = true;
        }
        return FrameAggregator.Compute(aggregate, inputType, args, keep, call.Frame, frames, layout, sorted.RowCount);
    }

    private ArrowArray Arg(WindowFunctionCall call, int index, RecordBatch sorted) =>
        ExpressionCompiler.Compile(call.Args[index], _input.Schema).EvaluateFlat(sorted);

    private PrimitiveArray<long> Int64Arg(WindowFunctionCall call, int index, RecordBatch sorted) =>
        (PrimitiveArray<long>)ExpressionCompiler.Coerce(ExpressionCompiler.Compile(call.Args[index], _input.Schema), DataType.Int64).EvaluateFlat(sorted);
}
