using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Kernels;

/// <summary>Kernels over utf8 vectors.</summary>
internal static class StringKernels
{
    /// <summary>a || b; null if either is null.</summary>
    public static Vec Concat(Vec left, Vec right, int rows)
    {
        if (left.IsNullConstant || right.IsNullConstant) return Vec.Null(DataType.Utf8);
        var la = (BinaryArray)left.Array;
        var ra = (BinaryArray)right.Array;
        var constant = left.IsConstant && right.IsConstant;
        var n = constant ? 1 : rows;
        var validity = left.IsConstant ? (right.IsConstant ? null : ra.Validity) : right.IsConstant ? la.Validity : Bits.And(la.Validity, ra.Validity, rows);
        var lStep = left.IsConstant ? 0 : 1;
        var rStep = right.IsConstant ? 0 : 1;
        long total = 0;
        for (var i = 0; i < n; i++) total += la.GetBytes(i * lStep).Length + ra.GetBytes(i * rStep).Length;
        if (total > int.MaxValue) throw new Common.ResourceExhaustedException("a string column exceeds 2 GB");
        var data = new byte[total];
        var offsets = new int[n + 1];
        var pos = 0;
        for (var i = 0; i < n; i++)
        {
            if (validity is null || Bitmap.Get(validity, i))
            {
                var a = la.GetBytes(i * lStep);
                var b = ra.GetBytes(i * rStep);
                a.CopyTo(data.AsSpan(pos));
                pos += a.Length;
                b.CopyTo(data.AsSpan(pos));
                pos += b.Length;
            }
            offsets[i + 1] = pos;
        }
        var array = new BinaryArray(DataType.Utf8, offsets, data, n, validity);
        return constant ? Vec.Constant(array) : Vec.Flat(array);
    }
}
