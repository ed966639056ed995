using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions.Casts;

namespace QueryEngine.Engine.Expressions.Evaluation;

/// <summary>CAST / TRY_CAST.</summary>
internal sealed class CastEvaluator : Evaluator
{
    private readonly Evaluator _input;
    private readonly CastFunc _cast;
    private readonly bool _isTry;

    public CastEvaluator(Evaluator input, DataType type, bool isTry)
        : base(type, !isTry && CastCompiler.CanFail(input.Type, type), input)
    {
        _input = input;
        _cast = CastCompiler.Create(input.Type, type);
        _isTry = isTry;
    }

    public override Vec Evaluate(RecordBatch batch)
    {
        var v = _input.Evaluate(batch);
        return new Vec(_cast(v.Array, _isTry), v.IsConstant);
    }
}
