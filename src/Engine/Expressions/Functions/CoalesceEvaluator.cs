using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>coalesce(a, b, ...): the first non-null argument; later arguments are evaluated only on rows still null.</summary>
internal sealed class CoalesceEvaluator : Evaluator
{
    private readonly Evaluator[] _args;

    public CoalesceEvaluator(DataType type, Evaluator[] args) : base(type, false, args) => _args = args;

    public override Vec Evaluate(RecordBatch batch)
    {
        var n = batch.RowCount;
        var first = _args[0].Evaluate(batch);
        if (first.IsConstant && !first.Array.IsNull(0) || first.Array.NullCount == 0) return first;
        var assembler = new BranchAssembler(Type, n);
        var remaining = Selection.All(n);
        for (var k = 0; k < _args.Length && remaining.Length > 0; k++)
        {
            var values = k == 0 ? first : CaseEvaluator.EvaluateOn(_args[k], batch, remaining);
            if (values.IsConstant)
            {
                if (!values.Array.IsNull(0))
                {
                    assembler.Add(values, remaining);
                    remaining = [];
                }
                continue;
            }
            // values are per row of `remaining` (or per batch row for k == 0, where remaining is every row).
            var array = values.Array;
            var taken = new List<int>();
            var takenPositions = new List<int>();
            var still = new List<int>();
            for (var p = 0; p < remaining.Length; p++)
            {
                if (array.IsNull(p)) still.Add(remaining[p]);
                else
                {
                    taken.Add(remaining[p]);
                    takenPositions.Add(p);
                }
            }
            if (taken.Count > 0)
            {
                var part = taken.Count == remaining.Length ? array : array.Take([.. takenPositions]);
                assembler.Add(Vec.Flat(part), [.. taken]);
            }
            remaining = [.. still];
        }
        return assembler.Build();
    }
}

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
