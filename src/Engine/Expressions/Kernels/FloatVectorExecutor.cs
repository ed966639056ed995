using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Kernels;

/// <summary>An IEEE arithmetic operation with scalar and SIMD forms.</summary>
internal interface IFloatOp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    static abstract T Apply(T left, T right);

    static abstract Vector256<T> Apply(Vector256<T> left, Vector256<T> right);
}

internal struct VAdd<T> : IFloatOp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T left, T right) => left + right;

    public static Vector256<T> Apply(Vector256<T> left, Vector256<T> right) => left + right;
}

internal struct VSubtract<T> : IFloatOp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T left, T right) => left - right;

    public static Vector256<T> Apply(Vector256<T> left, Vector256<T> right) => left - right;
}

internal struct VMultiply<T> : IFloatOp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T left, T right) => left * right;

    public static Vector256<T> Apply(Vector256<T> left, Vector256<T> right) => left * right;
}

internal struct VDivide<T> : IFloatOp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T left, T right) => left / right;

    public static Vector256<T> Apply(Vector256<T> left, Vector256<T> right) => left / right;
}

/// <summary>real/double arithmetic over whole vectors with <see cref="Vector256"/> (no error checks are needed for IEEE math).</summary>
internal static class FloatVectorExecutor
{
    public static Vec Execute<T, TOp>(Vec left, Vec right, int rows, DataType type)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : IFloatOp<T>
    {
        if (left.IsNullConstant || right.IsNullConstant) return Vec.Null(type);
        var la = (PrimitiveArray<T>)left.Array;
        var ra = (PrimitiveArray<T>)right.Array;
        if (left.IsConstant && right.IsConstant) return Vec.Constant(new PrimitiveArray<T>(type, [TOp.Apply(la[0], ra[0])], 1));
        var validity = left.IsConstant ? ra.Validity : right.IsConstant ? la.Validity : Bits.And(la.Validity, ra.Validity, rows);
        var result = new T[rows];
        var lv = la.Values;
        var rv = ra.Values;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && rows >= Vector256<T>.Count)
        {
            ref var l0 = ref MemoryMarshal.GetReference(lv);
            ref var r0 = ref MemoryMarshal.GetReference(rv);
            ref var o0 = ref MemoryMarshal.GetArrayDataReference(result);
            var lb = Vector256.Create(lv[0]);
            var rb = Vector256.Create(rv[0]);
            var end = rows - Vector256<T>.Count;
            for (; i <= end; i += Vector256<T>.Count)
            {
                var a = left.IsConstant ? lb : Vector256.LoadUnsafe(ref l0, (nuint)i);
                var b = right.IsConstant ? rb : Vector256.LoadUnsafe(ref r0, (nuint)i);
                TOp.Apply(a, b).StoreUnsafe(ref o0, (nuint)i);
            }
        }
        var lStep = left.IsConstant ? 0 : 1;
        var rStep = right.IsConstant ? 0 : 1;
        for (; i < rows; i++) result[i] = TOp.Apply(lv[i * lStep], rv[i * rStep]);
        return Vec.Flat(new PrimitiveArray<T>(type, result, rows, validity));
    }
}
