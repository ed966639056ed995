using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>
/// sum over decimal(p, s) into decimal(38, s): Int128 sums, added without checks while <see cref="DecimalSumBound"/>
/// proves no 128-bit overflow is possible and checked after that; the 38-digit limit is checked when finishing.
/// It also counts the values per group, so an avg over the same argument can be finished from this state
/// (<see cref="AvgOfSumAccumulator"/>).
/// </summary>
internal sealed class SumDecimalAccumulator : Accumulator
{
    private readonly DataType _type;
    private DecimalSumBound _bound;
    private Int128[] _sums = new Int128[16];
    private long[] _counts = new long[16];

    public SumDecimalAccumulator(DataType type, DecimalType input)
    {
        _type = type;
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
        try
        {
            if (validity is null) AddAllChecked(groups, values);
            else AddValidChecked(groups, values, validity);
        }
        catch (OverflowException e)
        {
            throw new ExecutionException("Decimal overflow in sum", ErrorCode.NumericOverflow, e);
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

    private void AddAllChecked(int[] groups, ReadOnlySpan<Int128> values)
    {
        var sums = _sums;
        var counts = _counts;
        for (var i = 0; i < values.Length; i++)
        {
            var g = groups[i];
            sums[g] = checked(sums[g] + values[i]);
            counts[g]++;
        }
    }

    private void AddValidChecked(int[] groups, ReadOnlySpan<Int128> values, byte[] validity)
    {
        var sums = _sums;
        var counts = _counts;
        for (var i = 0; i < values.Length; i++)
        {
            if ((validity[i >> 3] & (1 << (i & 7))) == 0) continue;
            var g = groups[i];
            sums[g] = checked(sums[g] + values[i]);
            counts[g]++;
        }
    }

    public override void Merge(Accumulator other, int[] map)
    {
        var o = (SumDecimalAccumulator)other;
        _bound.Merge(o._bound);
        try
        {
            for (var g = 0; g < map.Length; g++)
            {
                if (o._counts[g] == 0) continue;
                _sums[map[g]] = checked(_sums[map[g]] + o._sums[g]);
                _counts[map[g]] += o._counts[g];
            }
        }
        catch (OverflowException e)
        {
            throw new ExecutionException("Decimal overflow in sum", ErrorCode.NumericOverflow, e);
        }
    }

    public override ArrowArray Finish(int groups)
    {
        var precision = ((DecimalType)_type).Precision;
        byte[]? validity = null;
        for (var g = 0; g < groups; g++)
        {
            if (_counts[g] == 0)
            {
                validity ??= Bitmap.AllSet(groups);
                Bitmap.Clear(validity, g);
                continue;
            }
            if (!DecimalMath.FitsPrecision(_sums[g], precision)) throw new ExecutionException("Decimal overflow in sum", ErrorCode.NumericOverflow);
        }
        return new PrimitiveArray<Int128>(_type, _sums[..groups], groups, validity);
    }

    /// <summary>avg over the same argument from this state (see <see cref="AvgOfSumAccumulator"/>).</summary>
    public ArrowArray FinishAverage(int groups, DecimalType type, int inputScale) => DecimalAverage.Finish(_sums, _counts, groups, type, inputScale);
}
