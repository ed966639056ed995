using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>The avg of decimal sums and counts per group: the sum rescaled to the result scale, divided HALF_UP.</summary>
internal static class DecimalAverage
{
    public static ArrowArray Finish(Int128[] sums, long[] counts, int groups, DecimalType type, int inputScale)
    {
        byte[]? validity = null;
        var result = new Int128[groups];
        for (var g = 0; g < groups; g++)
        {
            if (counts[g] == 0)
            {
                validity ??= Bitmap.AllSet(groups);
                Bitmap.Clear(validity, g);
                continue;
            }
            if (!DecimalMath.TryRescale(sums[g], inputScale, type.Scale, out var sum))
            {
                throw new ExecutionException("Decimal overflow in avg", ErrorCode.NumericOverflow);
            }
            result[g] = DecimalMath.DivideHalfUp(sum, counts[g]);
        }
        return new PrimitiveArray<Int128>(type, result, groups, validity);
    }
}
