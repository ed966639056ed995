using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Functions.Lambdas;

/// <summary>Computes a higher-order function over argument vectors for <c>rows</c> rows of <c>batch</c>.</summary>
internal delegate ArrowArray HigherOrderKernel(RecordBatch batch, Vec[] args, LambdaEvaluator[] lambdas, int rows);

/// <summary>
/// A function taking lambdas (transform, filter, reduce, ...): evaluates its value arguments, then the kernel applies
/// the lambdas to the flattened elements of the whole batch at once. When every value argument is constant and no
/// lambda reads the enclosing row, it runs once over one row and the result stays constant.
/// </summary>
internal sealed class HigherOrderEvaluator : Evaluator
{
    private readonly Evaluator[] _args;
    private readonly LambdaEvaluator[] _lambdas;
    private readonly HigherOrderKernel _kernel;

    public HigherOrderEvaluator(DataType type, Evaluator[] args, LambdaEvaluator[] lambdas, HigherOrderKernel kernel, bool canFail)
        : base(type, canFail, [.. args, .. lambdas])
    {
        _args = args;
        _lambdas = lambdas;
        _kernel = kernel;
    }

    public override Vec Evaluate(RecordBatch batch)
    {
        var values = new Vec[_args.Length];
        var constant = true;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _args[i].Evaluate(batch);
            constant &= values[i].IsConstant;
        }
        foreach (var l in _lambdas) constant &= !l.ReadsInput;
        if (constant) return Vec.Constant(_kernel(batch, values, _lambdas, 1));
        return Vec.Flat(_kernel(batch, values, _lambdas, batch.RowCount));
    }
}
