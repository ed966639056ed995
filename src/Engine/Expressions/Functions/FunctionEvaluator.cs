using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>Computes a function over argument vectors (constants have one row) for <c>rows</c> output rows.</summary>
internal delegate ArrowArray FunctionKernel(Vec[] args, int rows);

/// <summary>A strict scalar function: evaluates every argument, then one typed kernel call per batch.
/// When every argument is constant the kernel runs over one row and the result stays constant.</summary>
internal sealed class FunctionEvaluator : Evaluator
{
    private readonly Evaluator[] _args;
    private readonly FunctionKernel _kernel;

    public FunctionEvaluator(DataType type, Evaluator[] args, FunctionKernel kernel, bool canFail) : base(type, canFail, args)
    {
        _args = args;
        _kernel = kernel;
    }

    public override Vec Evaluate(RecordBatch batch)
    {
        var values = new Vec[_args.Length];
        var allConstant = true;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _args[i].Evaluate(batch);
            allConstant &= values[i].IsConstant;
        }
        if (allConstant) return Vec.Constant(_kernel(values, 1));
        return Vec.Flat(_kernel(values, batch.RowCount));
    }
}
