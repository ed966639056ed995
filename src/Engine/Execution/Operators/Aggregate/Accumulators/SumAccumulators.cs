using System.Numerics;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>sum over integers into bigint, with overflow checks.</summary>
internal sealed class SumIntegerAccumulator<T> : Accumulator
    where T : unmanaged, IBinaryInteger<T>
{
    private long[] _sums = new long[16];
    private bool[] _has = new bool[16];

    public override void Resize(int groups)
    {
        Grow(ref _sums, groups);
        Grow(ref _has, groups);
    }

    public override void Update(int[] groups, ArrowArray[] args, int rows)
    {
        var values = ((PrimitiveArray<T>)args[0]).Values;
        var validity = args[0].Validity;
        var sums = _sums;
        var has = _has;
        for (var i = 0; i < rows; i++)
        {
            if (validity is not null && (validity[i >> 3] & (1 << (i & 7))) == 0) continue;
            var g = groups[i];
            sums[g] = Add(sums[g], long.CreateTruncating(values[i]));
            has[g] = true;
        }
    }

    private static long Add(long a, long b)
    {
        var r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) KernelErrors.Overflow("bigint", "addition", a, "+", b);
        return r;
    }

    public override void Merge(Accumulator other, int[] map)
    {
        var o = (SumIntegerAccumulator<T>)other;
        for (var g = 0; g < map.Length; g++)
        {
            if (!o._has[g]) continue;
            var t = map[g];
            _sums[t] = Add(_sums[t], o._sums[g]);
            _has[t] = true;
        }
    }

    public override ArrowArray Finish(int groups) => new PrimitiveArray<long>(DataType.Int64, _sums[..groups], groups, ValidityFromFlags(_has, groups));
}

/// <summary>sum over real/double (accumulated in double), producing real or double.</summary>
internal sealed class SumFloatAccumulator<T> : Accumulator
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly DataType _type;
    private double[] _sums = new double[16];
    private bool[] _has = new bool[16];

    public SumFloatAccumulator(DataType type) => _type = type;

    public override void Resize(int groups)
    {
        Grow(ref _sums, groups);
        Grow(ref _has, groups);
    }

    public override void Update(int[] groups, ArrowArray[] args, int rows)
    {
        var values = ((PrimitiveArray<T>)args[0]).Values;
        var validity = args[0].Validity;
        var sums = _sums;
        var has = _has;
        for (var i = 0; i < rows; i++)
        {
            if (validity is not null && (validity[i >> 3] & (1 << (i & 7))) == 0) continue;
            var g = groups[i];
            sums[g] += double.CreateTruncating(values[i]);
            has[g] = true;
        }
    }

    public override void Merge(Accumulator other, int[] map)
    {
        var o = (SumFloatAccumulator<T>)other;
        for (var g = 0; g < map.Length; g++)
        {
            if (!o._has[g]) continue;
            _sums[map[g]] += o._sums[g];
            _has[map[g]] = true;
        }
    }

    public override ArrowArray Finish(int groups)
    {
        var validity = ValidityFromFlags(_has, groups);
        if (_type.Id == TypeId.Float32)
        {
            var values = new float[groups];
            for (var g = 0; g < groups; g++) values[g] = (float)_sums[g];
            return new PrimitiveArray<float>(_type, values, groups, validity);
        }
        return new PrimitiveArray<double>(_type, _sums[..groups], groups, validity);
    }
}

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
            for (var i = 0; i < rows; i++)
            {
                if (validity is not null && (validity[i >> 3] & (1 << (i & 7))) == 0) continue;
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
