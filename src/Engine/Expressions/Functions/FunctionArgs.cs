using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Functions;

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
