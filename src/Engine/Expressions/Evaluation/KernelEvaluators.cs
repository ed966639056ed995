using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Expressions.Evaluation;

/// <summary>Evaluates both operands and applies a typed binary kernel (arithmetic, comparison, concatenation).</summary>
internal sealed class BinaryKernelEvaluator : Evaluator
{
    private readonly Evaluator _left;
    private readonly Evaluator _right;
    private readonly BinaryKernel _kernel;

    public BinaryKernelEvaluator(DataType type, Evaluator left, Evaluator right, BinaryKernel kernel, bool canFail)
        : base(type, canFail, left, right)
    {
        _left = left;
        _right = right;
        _kernel = kernel;
    }

    public override Vec Evaluate(RecordBatch batch)
    {
        var left = _left.Evaluate(batch);
        var right = _right.Evaluate(batch);
        return _kernel(left, right, batch.RowCount);
    }
}

/// <summary>Evaluates the operand and applies a typed unary kernel.</summary>
internal sealed class UnaryKernelEvaluator : Evaluator
{
    private readonly Evaluator _input;
    private readonly UnaryKernel _kernel;

    public UnaryKernelEvaluator(DataType type, Evaluator input, UnaryKernel kernel, bool canFail)
        : base(type, canFail, input)
    {
        _input = input;
        _kernel = kernel;
    }

    public override Vec Evaluate(RecordBatch batch) => _kernel(_input.Evaluate(batch), batch.RowCount);
}
