using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>nullif(a, b): null where a equals b (compared in their common type), else a.</summary>
internal sealed class NullIfEvaluator : Evaluator
{
    private readonly Evaluator _value;
    private readonly Evaluator _left;
    private readonly Evaluator _right;
    private readonly BinaryKernel _equal;

    public NullIfEvaluator(Evaluator value, Evaluator left, Evaluator right) : base(value.Type, false, value, left, right)
    {
        _value = value;
        _left = left;
        _right = right;
        _equal = ComparisonKernels.Create(BinaryOp.Equal, left.Type);
    }

    public override Vec Evaluate(RecordBatch batch)
    {
        var n = batch.RowCount;
        var value = _value.Evaluate(batch);
        var eq = _equal(_left.Evaluate(batch), _right.Evaluate(batch), n);
        if (value.IsConstant && eq.IsConstant)
        {
            return ((BooleanArray)eq.Array).IsTrue(0) ? Vec.Null(Type) : value;
        }
        var flat = value.Expand(n);
        var bools = (BooleanArray)eq.Expand(n);
        var keep = Bitmap.AllSet(n);
        var any = false;
        for (var i = 0; i < n; i++)
        {
            if (bools.IsTrue(i))
            {
                Bitmap.Clear(keep, i);
                any = true;
            }
        }
        return Vec.Flat(any ? ArrayFactory.WithValidity(flat, keep) : flat);
    }
}
