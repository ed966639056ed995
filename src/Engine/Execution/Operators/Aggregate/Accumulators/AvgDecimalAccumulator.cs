using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>avg over decimal(p, s): Int128 sum / count rounded HALF_UP, as decimal(p, s).</summary>
internal sealed class AvgDecimalAccumulator : Accumulator
{
    private readonly DecimalType _type;
    private readonly int _inputScale;
    private Int128[] _sums = new Int128[16];
    private long[] _counts = new long[16];

    public AvgDecimalAccumulator(DecimalType type, DecimalType input)
    {
        _type = type;
        _inputScale = input.Scale;
    }

    public override void Resize(int groups)
    {
        Grow(ref _sums, groups);
        Grow(ref _counts, groups);
    }

    public override void Update(int[] groups, ArrowArray[] args, int rows)
    {
        var values = ((PrimitiveArray<Int128>)args[0]).Values;
        var validity = args[0].Validity;
        var sums = _sums;
        var counts = _counts;
        try
        {
            if (validity is null)
            {
                values = values[..rows];
                for (var i = 0; i < values.Length; i++)
                {
                    var g = groups[i];
                    sums[g] = checked(sums[g] + values[i]);
                    counts[g]++;
                }
                return;
            }
            for (var i = 0; i < rows; i++)
            {
                if ((validity[i >> 3] & (1 << (i & 7))) == 0) continue;
                var g = groups[i];
                sums[g] = checked(sums[g] + values[i]);
                counts[g]++;
            }
        }
        catch (OverflowException e)
        {
            throw new ExecutionException("Decimal overflow in avg", ErrorCode.NumericOverflow, e);
        }
    }

    public override void Merge(Accumulator other, int[] map)
    {
        var o = (AvgDecimalAccumulator)other;
        try
        {
            for (var g = 0; g < map.Length; g++)
            {
                _sums[map[g]] = checked(_sums[map[g]] + o._sums[g]);
                _counts[map[g]] += o._counts[g];
            }
        }
        catch (OverflowException e)
        {
            throw new ExecutionException("Decimal overflow in avg", ErrorCode.NumericOverflow, e);
        }
    }

    public override ArrowArray Finish(int groups)
    {
        byte[]? validity = null;
        var result = new Int128[groups];
        for (var g = 0; g < groups; g++)
        {
            if (_counts[g] == 0)
            {
                validity ??= Bitmap.AllSet(groups);
                Bitmap.Clear(validity, g);
                continue;
            }
            if (!DecimalMath.TryRescale(_sums[g], _inputScale, _type.Scale, out var sum))
            {
                throw new ExecutionException("Decimal overflow in avg", ErrorCode.NumericOverflow);
            }
            result[g] = DecimalMath.DivideHalfUp(sum, _counts[g]);
        }
        return new PrimitiveArray<Int128>(_type, result, groups, validity);
    }
}
