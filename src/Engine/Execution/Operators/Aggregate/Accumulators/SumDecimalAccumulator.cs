using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>sum over decimal(p, s) into decimal(38, s): Int128 with overflow checks against 38 digits.</summary>
internal sealed class SumDecimalAccumulator : Accumulator
{
    private readonly DataType _type;
    private Int128[] _sums = new Int128[16];
    private bool[] _has = new bool[16];

    public SumDecimalAccumulator(DataType type) => _type = type;

    public override void Resize(int groups)
    {
        Grow(ref _sums, groups);
        Grow(ref _has, groups);
    }

    public override void Update(int[] groups, ArrowArray[] args, int rows)
    {
        var values = ((PrimitiveArray<Int128>)args[0]).Values;
        var validity = args[0].Validity;
        var sums = _sums;
        var has = _has;
        try
        {
            if (validity is null)
            {
                // No nulls (the common case): one checked addition per row, no validity test.
                values = values[..rows];
                for (var i = 0; i < values.Length; i++)
                {
                    var g = groups[i];
                    sums[g] = checked(sums[g] + values[i]);
                    has[g] = true;
                }
                return;
            }
            for (var i = 0; i < rows; i++)
            {
                if ((validity[i >> 3] & (1 << (i & 7))) == 0) continue;
                var g = groups[i];
                sums[g] = checked(sums[g] + values[i]);
                has[g] = true;
            }
        }
        catch (OverflowException e)
        {
            throw new ExecutionException("Decimal overflow in sum", ErrorCode.NumericOverflow, e);
        }
    }

    public override void Merge(Accumulator other, int[] map)
    {
        var o = (SumDecimalAccumulator)other;
        try
        {
            for (var g = 0; g < map.Length; g++)
            {
                if (!o._has[g]) continue;
                _sums[map[g]] = checked(_sums[map[g]] + o._sums[g]);
                _has[map[g]] = true;
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
        for (var g = 0; g < groups; g++)
        {
            if (_has[g] && !DecimalMath.FitsPrecision(_sums[g], precision)) throw new ExecutionException("Decimal overflow in sum", ErrorCode.NumericOverflow);
        }
        return new PrimitiveArray<Int128>(_type, _sums[..groups], groups, ValidityFromFlags(_has, groups));
    }
}
