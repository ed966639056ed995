using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Expressions.Evaluation;

/// <summary>
/// Three-valued AND / OR (false AND null = false, true OR null = true). The right operand is evaluated lazily: when it
/// may fail, only on rows the left operand does not already decide (so <c>x &lt;&gt; 0 AND 10 / x &gt; 1</c> never divides by zero).
/// </summary>
internal sealed class AndOrEvaluator : Evaluator
{
    private readonly Evaluator _left;
    private readonly Evaluator _right;
    private readonly bool _isAnd;

    public AndOrEvaluator(Evaluator left, Evaluator right, bool isAnd) : base(DataType.Boolean, false, left, right)
    {
        _left = left;
        _right = right;
        _isAnd = isAnd;
    }

    public override Vec Evaluate(RecordBatch batch)
    {
        var rows = batch.RowCount;
        var left = _left.Evaluate(batch);
        if (left.IsConstant)
        {
            var decided = !left.Array.IsNull(0) && ((BooleanArray)left.Array).GetBit(0) != _isAnd;
            if (decided) return left;
        }
        Vec right;
        if (_right.CanFail && !left.IsConstant)
        {
            var (lBits, lValid) = Flatten(left, rows);
            // Rows the left side does not decide: for AND those not false, for OR those not true.
            var undecided = new byte[Bitmap.BytesFor(rows)];
            for (var i = 0; i < undecided.Length; i++)
            {
                int valid = lValid is null ? 0xFF : lValid[i];
                var decidedBits = _isAnd ? valid & ~lBits[i] : valid & lBits[i];
                undecided[i] = (byte)~decidedBits;
            }
            Bits.ClearTail(undecided, rows);
            var selected = Bits.SetIndices(undecided, null, rows);
            if (selected.Length == 0) return left;
            if (selected.Length == rows)
            {
                right = _right.Evaluate(batch);
            }
            else
            {
                var sub = (BooleanArray)_right.EvaluateRows(batch, selected).Expand(selected.Length);
                right = Vec.Flat(Scatter(sub, selected, rows, _isAnd));
            }
        }
        else
        {
            right = _right.Evaluate(batch);
        }
        return Combine(left, right, rows, _isAnd);
    }

    /// <summary>Spreads sub-results over <paramref name="rows"/> rows; unselected rows get the operator's identity (true for AND, false for OR).</summary>
    private static BooleanArray Scatter(BooleanArray sub, int[] selected, int rows, bool identity)
    {
        var bits = identity ? Bitmap.AllSet(rows) : new byte[Bitmap.BytesFor(rows)];
        var validity = Bitmap.AllSet(rows);
        for (var k = 0; k < selected.Length; k++)
        {
            var row = selected[k];
            if (sub.IsNull(k)) Bitmap.Clear(validity, row);
            Bitmap.SetValue(bits, row, sub.GetBit(k));
        }
        return new BooleanArray(bits, rows, validity);
    }

    public static (byte[] Bits, byte[]? Validity) Flatten(Vec v, int rows)
    {
        var a = (BooleanArray)v.Expand(rows);
        return (a.Bits, a.Validity);
    }

    public static Vec Combine(Vec left, Vec right, int rows, bool isAnd)
    {
        var constant = left.IsConstant && right.IsConstant;
        var n = constant ? 1 : rows;
        var (lb, lv) = Flatten(left, n);
        var (rb, rv) = Flatten(right, n);
        var bytes = Bitmap.BytesFor(n);
        var value = new byte[bytes];
        var validity = new byte[bytes];
        var anyNull = false;
        for (var i = 0; i < bytes; i++)
        {
            int lValid = lv is null ? 0xFF : lv[i];
            int rValid = rv is null ? 0xFF : rv[i];
            var lTrue = lValid & lb[i];
            var rTrue = rValid & rb[i];
            var lFalse = lValid & ~lb[i];
            var rFalse = rValid & ~rb[i];
            int isTrue, isFalse;
            if (isAnd)
            {
                isTrue = lTrue & rTrue;
                isFalse = lFalse | rFalse;
            }
            else
            {
                isTrue = lTrue | rTrue;
                isFalse = lFalse & rFalse;
            }
            value[i] = (byte)isTrue;
            validity[i] = (byte)(isTrue | isFalse);
        }
        Bits.ClearTail(validity, n);
        anyNull = Bitmap.CountSet(validity, n) != n;
        var array = new BooleanArray(value, n, anyNull ? validity : null);
        return constant ? Vec.Constant(array) : Vec.Flat(array);
    }
}
