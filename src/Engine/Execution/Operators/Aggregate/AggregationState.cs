using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Execution.Operators.Aggregate;

/// <summary>
/// The hash aggregation of one stream: group keys evaluated per batch and resolved to dense group ids in a
/// <see cref="GroupTable"/>, then every aggregate updated with one typed loop per batch. Parallel workers each own a
/// state; <see cref="Merge"/> folds one into another.
/// </summary>
internal sealed class AggregationState
{
    private readonly Evaluator[] _keys;
    private readonly Aggregate[] _aggregates;
    private readonly GroupIndex? _table;
    private int[] _zeros = [];
    private readonly int[] _publishedSlot;
    private readonly Schema[] _schemas;
    private readonly ArrowArray[] _published;
    private readonly Schema _input;

    private sealed record Aggregate(Evaluator[] Args, Evaluator? Filter, Accumulator Accumulator);

    public AggregationState(IReadOnlyList<PhysicalExpr> groupBy, IReadOnlyList<AggregateCall> aggregates, Schema input)
    {
        _keys = ExpressionCompiler.CompileAll(groupBy, input);
        if (_keys.Length > 0) _table = GroupIndex.Create([.. _keys.Select(k => k.Type)]);
        _input = input;
        var shared = SharedArguments.Plan(aggregates, input);
        _publishedSlot = shared.PublishedSlot;
        _schemas = shared.Schemas;
        _published = new ArrowArray[shared.PublishedCount];
        _aggregates = new Aggregate[aggregates.Count];
        for (var i = 0; i < _aggregates.Length; i++)
        {
            var call = aggregates[i];
            var args = ReusesArgumentBuffers(aggregates, i, shared.PublishedSlot[i] >= 0)
                ? [ExpressionCompiler.CompileReusingBuffers(shared.Args[i][0], _schemas[i])]
                : ExpressionCompiler.CompileAll(shared.Args[i], _schemas[i]);
            DataType? inputType = null;
            if (args.Length > 0)
            {
                inputType = AccumulatorFactory.InputType(call, args[0].Type);
                if (inputType is not null) args[0] = ExpressionCompiler.Coerce(args[0], inputType);
            }
            var filter = call.Filter is null ? null : ExpressionCompiler.Coerce(ExpressionCompiler.Compile(call.Filter, input), DataType.Boolean);
            _aggregates[i] = new Aggregate(args, filter, AccumulatorFactory.Create(call, inputType));
        }
        for (var i = 0; i < _aggregates.Length; i++)
        {
            if (_publishedSlot[i] >= 0 || SumOfSameArgument(aggregates, i) is not { } sum) continue;
            var accumulator = new AvgOfSumAccumulator(sum, (DecimalType)aggregates[i].Type, (DecimalType)aggregates[i].Args[0].Type);
            _aggregates[i] = new Aggregate([], null, accumulator);
        }
        if (_table is null) ResizeAll(1);
    }

    /// <summary>
    /// Whether aggregate <paramref name="index"/> may evaluate its argument into buffers reused from batch to batch:
    /// a decimal sum or avg folds each batch into its sums and keeps no array; if the argument is published for later
    /// aggregates (<see cref="SharedArguments"/>), those must keep no array either.
    /// </summary>
    private static bool ReusesArgumentBuffers(IReadOnlyList<AggregateCall> aggregates, int index, bool published)
    {
        var call = aggregates[index];
        if (call.Function is not (AggregateFunction.Sum or AggregateFunction.Avg) || call.Distinct || call.Args.Count != 1
            || call.Args[0].Type is not DecimalType)
        {
            return false;
        }
        if (!published) return true;
        for (var j = index + 1; j < aggregates.Count; j++)
        {
            var later = aggregates[j];
            if (later.Filter is not null) continue;
            if (later.Distinct || later.Function is not (AggregateFunction.Sum or AggregateFunction.Avg or AggregateFunction.Count or AggregateFunction.CountStar))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// For a plain decimal avg(x), the accumulator of a plain sum(x) with the same argument (no DISTINCT, no FILTER),
    /// whose state holds every group's sum and count, so the avg needs no work of its own per batch.
    /// </summary>
    private SumDecimalAccumulator? SumOfSameArgument(IReadOnlyList<AggregateCall> aggregates, int index)
    {
        var avg = aggregates[index];
        if (avg.Function != AggregateFunction.Avg || !IsPlainDecimal(avg)) return null;
        for (var j = 0; j < aggregates.Count; j++)
        {
            var sum = aggregates[j];
            if (sum.Function == AggregateFunction.Sum && IsPlainDecimal(sum) && sum.Args[0].Equals(avg.Args[0])
                && _aggregates[j].Accumulator is SumDecimalAccumulator accumulator)
            {
                return accumulator;
            }
        }
        return null;
    }

    private static bool IsPlainDecimal(AggregateCall call) =>
        !call.Distinct && call.Filter is null && call.Args.Count == 1 && call.Args[0].Type is DecimalType;

    public int GroupCount => _table?.GroupCount ?? 1;

    /// <summary>Bytes assumed per group and aggregate for accumulator state (sums, counts, averages); an estimate.</summary>
    private const int AccumulatorBytesPerGroup = 16;

    /// <summary>Estimated bytes held: the group index's arrays plus accumulator state for every group.</summary>
    public long MemoryBytes => (_table?.MemoryBytes ?? 0) + (long)GroupCount * AccumulatorBytesPerGroup * Math.Max(1, _aggregates.Length);

    public bool CanMerge => _aggregates.All(a => a.Accumulator.CanMerge);

    /// <summary>Whether there are group keys (a global aggregation has one group and nothing to spill).</summary>
    public bool HasKeys => _table is not null;

    public DataType[] KeyTypes => [.. _keys.Select(k => k.Type)];

    /// <summary>The group key columns of a batch (flat), for a spilling aggregation.</summary>
    public ArrowArray[] EvaluateKeys(RecordBatch batch)
    {
        var columns = new ArrowArray[_keys.Length];
        for (var k = 0; k < columns.Length; k++) columns[k] = _keys[k].EvaluateFlat(batch);
        return columns;
    }

    /// <summary>For each row, its existing group id or -1 when its key has no group; creates no group.</summary>
    public int[] FindExisting(ArrowArray[] keyColumns, int rows) =>
        _table?.Find(keyColumns, rows) ?? throw new Common.InternalException("group lookup in a global aggregation");

    public void Consume(RecordBatch batch)
    {
        var rows = batch.RowCount;
        if (rows == 0) return;
        int[] groups;
        if (_table is null)
        {
            if (_zeros.Length < rows) _zeros = new int[rows];
            groups = _zeros;
        }
        else
        {
            var keyColumns = new ArrowArray[_keys.Length];
            for (var k = 0; k < keyColumns.Length; k++) keyColumns[k] = _keys[k].EvaluateFlat(batch);
            groups = _table.FindOrInsert(keyColumns, rows);
            ResizeAll(_table.GroupCount);
        }
        var current = batch;
        var currentSchema = _input;
        for (var i = 0; i < _aggregates.Length; i++)
        {
            var aggregate = _aggregates[i];
            if (aggregate.Filter is null)
            {
                if (!ReferenceEquals(currentSchema, _schemas[i]))
                {
                    currentSchema = _schemas[i];
                    current = Extended(batch, currentSchema);
                }
                var args = new ArrowArray[aggregate.Args.Length];
                for (var a = 0; a < args.Length; a++) args[a] = aggregate.Args[a].EvaluateFlat(current);
                if (_publishedSlot[i] >= 0) _published[_publishedSlot[i]] = args[0];
                aggregate.Accumulator.Update(groups, args, rows);
                continue;
            }
            // FILTER (WHERE ...): arguments are evaluated only on the rows the filter keeps.
            var selected = Selection.TrueRows(aggregate.Filter.Evaluate(batch), rows);
            if (selected.Length == 0) continue;
            var subArgs = new ArrowArray[aggregate.Args.Length];
            for (var a = 0; a < subArgs.Length; a++) subArgs[a] = aggregate.Args[a].EvaluateRows(batch, selected).Expand(selected.Length);
            var subGroups = new int[selected.Length];
            for (var k = 0; k < selected.Length; k++) subGroups[k] = groups[selected[k]];
            aggregate.Accumulator.Update(subGroups, subArgs, selected.Length);
        }
        Array.Clear(_published);
    }

    /// <summary>The batch's columns followed by the shared argument values published so far (see <see cref="SharedArguments"/>).</summary>
    private RecordBatch Extended(RecordBatch batch, Schema schema)
    {
        var columns = new ArrowArray[schema.Count];
        for (var c = 0; c < _input.Count; c++) columns[c] = batch.Columns[c];
        for (var c = _input.Count; c < columns.Length; c++) columns[c] = _published[c - _input.Count];
        return new RecordBatch(schema, columns, batch.RowCount);
    }

    private void ResizeAll(int groups)
    {
        foreach (var a in _aggregates) a.Accumulator.Resize(groups);
    }

    public void Merge(AggregationState other)
    {
        var map = _table is null ? [0] : _table.Merge(other._table!);
        ResizeAll(GroupCount);
        for (var i = 0; i < _aggregates.Length; i++) _aggregates[i].Accumulator.Merge(other._aggregates[i].Accumulator, map);
    }

    /// <summary>All groups: key columns then one column per aggregate.</summary>
    public RecordBatch Finish(Schema schema)
    {
        var groups = GroupCount;
        var columns = new ArrowArray[schema.Count];
        var keys = _table?.DecodeKeys() ?? [];
        keys.CopyTo(columns, 0);
        for (var i = 0; i < _aggregates.Length; i++) columns[keys.Length + i] = _aggregates[i].Accumulator.Finish(groups);
        return new RecordBatch(schema, columns, groups);
    }
}
