using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>
/// avg over decimal(p, s): Int128 sum / count rounded HALF_UP, as decimal(p, s). The sums are added without checks
/// while <see cref="DecimalSumBound"/> proves no 128-bit overflow is possible, checked after that.
/// </summary>
internal sealed class AvgDecimalAccumulator : Accumulator
{
    private readonly DecimalType _type;
    private readonly int _inputScale;
    private DecimalSumBound _bound;
    private Int128[] _sums = new Int128[16];
    private long[] _counts = new long[16];

    public AvgDecimalAccumulator(DecimalType type, DecimalType input)
    {
        _type = type;
        _inputScale = input.Scale;
        _bound = new DecimalSumBound(input.Precision);
    }

    public override void Resize(int groups)
    {
        Grow(ref _sums, groups);
        Grow(ref _counts, groups);
    }

    public override void Update(int[] groups, ArrowArray[] args, int rows)
    {
        var values = ((PrimitiveArray<Int128>)args[0]).Values[..rows];
        var validity = args[0].Validity;
        if (_bound.AddRows(rows))
        {
            if (validity is null) AddAll(groups, values);
            else AddValid(groups, values, validity);
            return;
        }
        var sums = _sums;
        var counts = _counts;
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (validity is not null && (validity[i >> 3] & (1 << (i & 7))) == 0) continue;
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

    private void AddAll(int[] groups, ReadOnlySpan<Int128> values)
    {
        var sums = _sums;
        var counts = _counts;
        for (var i = 0; i < values.Length; i++)
        {
            var g = groups[i];
            sums[g] += values[i];
            counts[g]++;
        }
    }

    private void AddValid(int[] groups, ReadOnlySpan<Int128> values, byte[] validity)
    {
        var sums = _sums;
        var counts = _counts;
        for (var i = 0; i < values.Length; i++)
        {
            if ((validity[i >> 3] & (1 << (i & 7))) == 0) continue;
            var g = groups[i];
            sums[g] += values[i];
            counts[g]++;
        }
    }

    public override void Merge(Accumulator other, int[] map)
    {
        var o = (AvgDecimalAccumulator)other;
        _bound.Merge(o._bound);
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

    public override ArrowArray Finish(int groups) => DecimalAverage.Finish(_sums, _counts, groups, _type, _inputScale);
}
