using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Kernels;

/// <summary>Maps a three-way comparison result to a predicate outcome.</summary>
internal interface IOrderTest
{
    static abstract bool Test(int comparison);
}

internal struct TestLess : IOrderTest
{
    public static bool Test(int comparison) => comparison < 0;
}

internal struct TestLessOrEqual : IOrderTest
{
    public static bool Test(int comparison) => comparison <= 0;
}

internal struct TestGreater : IOrderTest
{
    public static bool Test(int comparison) => comparison > 0;
}

internal struct TestGreaterOrEqual : IOrderTest
{
    public static bool Test(int comparison) => comparison >= 0;
}

/// <summary>Compares utf8/binary vectors by unsigned bytes (for UTF-8 this is code point order, as Trino orders varchar).</summary>
internal static class StringCompareExecutor
{
    public static Vec Order<TTest>(Vec left, Vec right, int rows)
        where TTest : IOrderTest
    {
        if (left.IsNullConstant || right.IsNullConstant) return Vec.Null(DataType.Boolean);
        var la = (BinaryArray)left.Array;
        var ra = (BinaryArray)right.Array;
        if (left.IsConstant && right.IsConstant)
        {
            return Vec.Constant(new BooleanArray([TTest.Test(la.GetBytes(0).SequenceCompareTo(ra.GetBytes(0))) ? (byte)1 : (byte)0], 1));
        }
        var validity = left.IsConstant ? ra.Validity : right.IsConstant ? la.Validity : Bits.And(la.Validity, ra.Validity, rows);
        var bits = new byte[Bitmap.BytesFor(rows)];
        var lStep = left.IsConstant ? 0 : 1;
        var rStep = right.IsConstant ? 0 : 1;
        for (var i = 0; i < rows; i++)
        {
            if (TTest.Test(la.GetBytes(i * lStep).SequenceCompareTo(ra.GetBytes(i * rStep)))) bits[i >> 3] |= (byte)(1 << (i & 7));
        }
        return Vec.Flat(new BooleanArray(bits, rows, validity));
    }

    public static Vec Equal(Vec left, Vec right, int rows, bool negate)
    {
        if (left.IsNullConstant || right.IsNullConstant) return Vec.Null(DataType.Boolean);
        var la = (BinaryArray)left.Array;
        var ra = (BinaryArray)right.Array;
        if (left.IsConstant && right.IsConstant)
        {
            return Vec.Constant(new BooleanArray([la.GetBytes(0).SequenceEqual(ra.GetBytes(0)) != negate ? (byte)1 : (byte)0], 1));
        }
        var validity = left.IsConstant ? ra.Validity : right.IsConstant ? la.Validity : Bits.And(la.Validity, ra.Validity, rows);
        var bits = new byte[Bitmap.BytesFor(rows)];
        if (right.IsConstant || left.IsConstant)
        {
            var flat = left.IsConstant ? ra : la;
            var constant = left.IsConstant ? la.GetBytes(0) : ra.GetBytes(0);
            var offsets = flat.Offsets;
            var data = flat.Data;
            for (var i = 0; i < rows; i++)
            {
                var start = offsets[i];
                var len = offsets[i + 1] - start;
                var eq = len == constant.Length && data.AsSpan(start, len).SequenceEqual(constant);
                if (eq != negate) bits[i >> 3] |= (byte)(1 << (i & 7));
            }
        }
        else
        {
            for (var i = 0; i < rows; i++)
            {
                if (la.GetBytes(i).SequenceEqual(ra.GetBytes(i)) != negate) bits[i >> 3] |= (byte)(1 << (i & 7));
            }
        }
        return Vec.Flat(new BooleanArray(bits, rows, validity));
    }
}
