using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;
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

/// <summary>Argument accessors that read a flat vector by row and a constant at every row.</summary>
internal readonly struct StringArg
{
    private readonly BinaryArray _array;
    private readonly int _step;

    public StringArg(Vec v)
    {
        _array = (BinaryArray)v.Array;
        _step = v.IsConstant ? 0 : 1;
    }

    public ReadOnlySpan<byte> this[int row] => _array.GetBytes(row * _step);
}

internal readonly struct PrimitiveArg<T>
    where T : unmanaged
{
    private readonly T[] _values;
    private readonly int _step;

    public PrimitiveArg(Vec v)
    {
        _values = ((PrimitiveArray<T>)v.Array).Buffer;
        _step = v.IsConstant ? 0 : 1;
    }

    public T this[int row] => _values[row * _step];
}

internal static class FunctionArgs
{
    /// <summary>Rows where every argument is valid: null when all are, an all-clear bitmap when some argument is a constant null.</summary>
    public static byte[]? StrictValidity(Vec[] args, int rows)
    {
        byte[]? validity = null;
        foreach (var a in args)
        {
            if (a.IsNullConstant) return new byte[Bitmap.BytesFor(rows)];
            if (a.IsConstant || a.Array.Validity is null) continue;
            validity = Bits.And(validity, a.Array.Validity, rows);
        }
        return validity;
    }

    public static bool IsValid(byte[]? validity, int row) => validity is null || Bitmap.Get(validity, row);
}
