using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Kernels;

/// <summary>
/// = and &lt;&gt; on arrays, maps and rows by their key encodings: different encodings are unequal; equal encodings are
/// equal unless the values hold a null element, which makes the comparison unknown (the value bit still says equal,
/// so IS DISTINCT FROM treats them as not distinct).
/// </summary>
internal static class NestedComparison
{
    public static BinaryKernel Create(bool notEqual) => (l, r, n) =>
    {
        var rows = l.IsConstant && r.IsConstant ? 1 : n;
        var left = l.Expand(rows);
        var right = r.Expand(rows);
        var encoder = new KeyEncoder([left.Type]);
        var a = encoder.Encode([left], rows);
        var b = encoder.Encode([right], rows);
        var bits = new byte[Bitmap.BytesFor(rows)];
        var validity = Bits.And(left.Validity, right.Validity, rows);
        for (var i = 0; i < rows; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i)) continue;
            var equal = a.Row(i).SequenceEqual(b.Row(i));
            if (equal && NestedKeyCodec.ContainsNull(left, i))
            {
                validity ??= Bitmap.AllSet(rows);
                Bitmap.Clear(validity, i);
            }
            if (equal != notEqual) Bitmap.Set(bits, i);
        }
        var result = new BooleanArray(bits, rows, validity);
        return rows == 1 && l.IsConstant && r.IsConstant ? Vec.Constant(result) : Vec.Flat(result);
    };
}
