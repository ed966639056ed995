using System.Numerics;
using QueryEngine.Engine.Columnar;
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
