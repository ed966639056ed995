using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Expressions.Evaluation;

/// <summary>Three-valued NOT (null stays null).</summary>
internal sealed class NotEvaluator : Evaluator
{
    private readonly Evaluator _input;

    public NotEvaluator(Evaluator input) : base(DataType.Boolean, false, input) => _input = input;

    public override Vec Evaluate(RecordBatch batch)
    {
        var v = _input.Evaluate(batch);
        var a = (BooleanArray)v.Array;
        var n = a.Length;
        var result = new BooleanArray(Bits.Not(a.Bits, n), n, a.Validity, a.NullCount);
        return new Vec(result, v.IsConstant);
    }
}

/// <summary>IS [NOT] NULL; never null.</summary>
internal sealed class IsNullEvaluator : Evaluator
{
    private readonly Evaluator _input;
    private readonly bool _negated;

    public IsNullEvaluator(Evaluator input, bool negated) : base(DataType.Boolean, false, input)
    {
        _input = input;
        _negated = negated;
    }

    public override Vec Evaluate(RecordBatch batch)
    {
        var v = _input.Evaluate(batch);
        var a = v.Array;
        var n = a.Length;
        byte[] bits;
        if (a.Validity is null) bits = _negated ? Bitmap.AllSet(n) : new byte[Bitmap.BytesFor(n)];
        else bits = _negated ? Bits.Copy(a.Validity, n) : Bits.Not(a.Validity, n);
        return new Vec(new BooleanArray(bits, n), v.IsConstant);
    }
}
