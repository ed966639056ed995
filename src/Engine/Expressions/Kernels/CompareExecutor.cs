using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Kernels;

/// <summary>A comparison with a scalar and a 256-bit SIMD form.</summary>
internal interface ICompareOp<T> : IPredicate<T>
{
    static abstract Vector256<T> Apply(Vector256<T> left, Vector256<T> right);
}

internal struct EqualOp<T> : ICompareOp<T>
    where T : IComparisonOperators<T, T, bool>
{
    public static bool Apply(T left, T right) => left == right;

    public static Vector256<T> Apply(Vector256<T> left, Vector256<T> right) => Vector256.Equals(left, right);
}

internal struct NotEqualOp<T> : ICompareOp<T>
    where T : IComparisonOperators<T, T, bool>
{
    public static bool Apply(T left, T right) => left != right;

    public static Vector256<T> Apply(Vector256<T> left, Vector256<T> right) => ~Vector256.Equals(left, right);
}

internal struct LessOp<T> : ICompareOp<T>
    where T : IComparisonOperators<T, T, bool>
{
    public static bool Apply(T left, T right) => left < right;

    public static Vector256<T> Apply(Vector256<T> left, Vector256<T> right) => Vector256.LessThan(left, right);
}

internal struct LessOrEqualOp<T> : ICompareOp<T>
    where T : IComparisonOperators<T, T, bool>
{
    public static bool Apply(T left, T right) => left <= right;

    public static Vector256<T> Apply(Vector256<T> left, Vector256<T> right) => Vector256.LessThanOrEqual(left, right);
}

internal struct GreaterOp<T> : ICompareOp<T>
    where T : IComparisonOperators<T, T, bool>
{
    public static bool Apply(T left, T right) => left > right;

    public static Vector256<T> Apply(Vector256<T> left, Vector256<T> right) => Vector256.GreaterThan(left, right);
}

internal struct GreaterOrEqualOp<T> : ICompareOp<T>
    where T : IComparisonOperators<T, T, bool>
{
    public static bool Apply(T left, T right) => left >= right;

    public static Vector256<T> Apply(Vector256<T> left, Vector256<T> right) => Vector256.GreaterThanOrEqual(left, right);
}

/// <summary>
/// Compares two fixed-width vectors into a bit-packed boolean vector (null where either side is null). Uses
/// <see cref="Vector256"/> for primitive element types: one compare yields 4..32 result bits at once.
/// </summary>
internal static class CompareExecutor
{
    public static Vec Execute<T, TOp>(Vec left, Vec right, int rows)
        where T : unmanaged
        where TOp : ICompareOp<T>
    {
        if (left.IsNullConstant || right.IsNullConstant) return Vec.Null(DataType.Boolean);
        var la = (PrimitiveArray<T>)left.Array;
        var ra = (PrimitiveArray<T>)right.Array;
        if (left.IsConstant && right.IsConstant)
        {
            return Vec.Constant(new BooleanArray([TOp.Apply(la[0], ra[0]) ? (byte)1 : (byte)0], 1));
        }
        var validity = left.IsConstant ? ra.Validity : right.IsConstant ? la.Validity : Bits.And(la.Validity, ra.Validity, rows);
        var bits = new byte[Bitmap.BytesFor(rows)];
        var done = 0;
        if (rows >= 64 && Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            done = CompareVectorized<T, TOp>(la.Values, left.IsConstant, ra.Values, right.IsConstant, rows, bits);
        }
        var lStep = left.IsConstant ? 0 : 1;
        var rStep = right.IsConstant ? 0 : 1;
        var lv = la.Values;
        var rv = ra.Values;
        for (var i = done; i < rows; i++)
        {
            if (TOp.Apply(lv[i * lStep], rv[i * rStep])) bits[i >> 3] |= (byte)(1 << (i & 7));
        }
        return Vec.Flat(new BooleanArray(bits, rows, validity));
    }

    /// <summary>Compares whole 64-row blocks with SIMD; returns how many rows were done.</summary>
    private static int CompareVectorized<T, TOp>(ReadOnlySpan<T> lv, bool lConst, ReadOnlySpan<T> rv, bool rConst, int rows, byte[] bits)
        where T : unmanaged
        where TOp : ICompareOp<T>
    {
        var width = Vector256<T>.Count;
        var blocks = rows >> 6;
        ref var l0 = ref MemoryMarshal.GetReference(lv);
        ref var r0 = ref MemoryMarshal.GetReference(rv);
        var lb = Vector256.Create(lv[0]);
        var rb = Vector256.Create(rv[0]);
        ref var out0 = ref MemoryMarshal.GetArrayDataReference(bits);
        for (var block = 0; block < blocks; block++)
        {
            var start = block << 6;
            ulong acc = 0;
            for (var j = 0; j < 64; j += width)
            {
                var a = lConst ? lb : Vector256.LoadUnsafe(ref l0, (nuint)(start + j));
                var b = rConst ? rb : Vector256.LoadUnsafe(ref r0, (nuint)(start + j));
                acc |= (ulong)TOp.Apply(a, b).ExtractMostSignificantBits() << j;
            }
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref out0, block << 3), acc);
        }
        return blocks << 6;
    }
}
