using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Expressions.Evaluation;

/// <summary>
/// x [NOT] IN (constants): a typed set probe per batch (hash set for long lists, linear scan for short ones).
/// SQL semantics: null input is null; no match with a null in the list is null.
/// </summary>
internal sealed class InListEvaluator : Evaluator
{
    private readonly Evaluator _input;
    private readonly InSet _set;
    private readonly bool _negated;

    public InListEvaluator(Evaluator input, IReadOnlyList<ArrowArray> constants, bool negated) : base(DataType.Boolean, false, input)
    {
        _input = input;
        _negated = negated;
        _set = InSet.Create(input.Type, constants);
    }

    public override Vec Evaluate(RecordBatch batch)
    {
        var v = _input.Evaluate(batch);
        var values = v.Array;
        var n = values.Length;
        var found = new byte[Bitmap.BytesFor(n)];
        _set.Probe(values, found);
        var validity = values.Validity is null ? null : Bits.Copy(values.Validity, n);
        if (_set.HasNull)
        {
            // Not found and the list holds a null: unknown.
            validity ??= Bitmap.AllSet(n);
            Bits.AndInto(validity, found, validity, Bitmap.BytesFor(n));
        }
        var bits = _negated ? Bits.Not(found, n) : found;
        return new Vec(new BooleanArray(bits, n, validity), v.IsConstant);
    }
}
