using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions.Evaluation;
using QueryEngine.Engine.Expressions.Functions.Nested;

namespace QueryEngine.Engine.Execution.Operators;

/// <summary>
/// UNNEST: per batch, the expanded row count of every input row is the longest of its arrays; one gather index per
/// output row and column (−1 for padding) then copies the input columns and the elements with one Take each.
/// </summary>
internal sealed class UnnestOperator : Operator
{
    private readonly Operator _input;
    private readonly Evaluator[] _exprs;
    private readonly bool _ordinality;
    private readonly bool _outer;

    public UnnestOperator(Operator input, Evaluator[] exprs, bool ordinality, bool outer, Schema schema, ExecutionContext context) : base(schema, context)
    {
        _input = input;
        _exprs = exprs;
        _ordinality = ordinality;
        _outer = outer;
    }

    public override IEnumerable<RecordBatch> Execute()
    {
        foreach (var batch in _input.Execute())
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            var result = Expand(batch);
            if (result.RowCount > 0) yield return result;
        }
    }

    private RecordBatch Expand(RecordBatch batch)
    {
        var rows = batch.RowCount;
        var offsets = new int[_exprs.Length][];
        var children = new ArrowArray[_exprs.Length][];
        for (var e = 0; e < _exprs.Length; e++)
        {
            var value = _exprs[e].Evaluate(batch);
            if (value.Array is MapArray)
            {
                var map = Lists.FlatMap(value, rows);
                offsets[e] = map.Offsets;
                children[e] = [map.Keys, map.Values];
            }
            else
            {
                var list = Lists.Flat(value, rows);
                offsets[e] = list.Offsets;
                children[e] = [list.Values];
            }
        }
        var counts = new int[rows];
        var total = 0;
        for (var r = 0; r < rows; r++)
        {
            var n = 0;
            foreach (var o in offsets) n = Math.Max(n, o[r + 1] - o[r]);
            if (n == 0 && _outer) n = 1;
            counts[r] = n;
            total = checked(total + n);
        }
        var parents = new int[total];
        var position = new int[total];
        var pos = 0;
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < counts[r]; j++)
            {
                parents[pos] = r;
                position[pos++] = j;
            }
        }
        var columns = new List<ArrowArray>(Schema.Count);
        foreach (var c in batch.Columns) columns.Add(c.Take(parents));
        var gather = new int[total];
        for (var e = 0; e < _exprs.Length; e++)
        {
            var o = offsets[e];
            for (var i = 0; i < total; i++)
            {
                var r = parents[i];
                var k = o[r] + position[i];
                gather[i] = k < o[r + 1] ? k : -1;
            }
            foreach (var child in children[e]) columns.Add(child.Take(gather));
        }
        if (_ordinality)
        {
            var ordinal = new long[total];
            byte[]? validity = null;
            for (var i = 0; i < total; i++)
            {
                ordinal[i] = position[i] + 1;
                if (_outer && IsPadding(offsets, parents[i]))
                {
                    validity ??= Bitmap.AllSet(total);
                    Bitmap.Clear(validity, i);
                }
            }
            columns.Add(new PrimitiveArray<long>(DataType.Int64, ordinal, total, validity));
        }
        return new RecordBatch(Schema, columns, total);
    }

    /// <summary>Whether the row had nothing to expand (its one output row is the outer join's padding).</summary>
    private static bool IsPadding(int[][] offsets, int row)
    {
        foreach (var o in offsets)
        {
            if (o[row + 1] > o[row]) return false;
        }
        return true;
    }
}
