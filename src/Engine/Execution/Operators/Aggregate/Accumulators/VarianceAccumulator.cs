using System.Numerics;
using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>var_samp, var_pop, stddev_samp, stddev_pop via Welford's online algorithm (Chan's formula to merge).</summary>
internal sealed class VarianceAccumulator<T> : Accumulator
    where T : unmanaged, INumberBase<T>
{
    private readonly bool _sample;
    private readonly bool _sqrt;
    private long[] _counts = new long[16];
    private double[] _means = new double[16];
    private double[] _m2 = new double[16];

    public VarianceAccumulator(bool sample, bool sqrt)
    {
        _sample = sample;
        _sqrt = sqrt;
    }

    public override void Resize(int groups)
    {
        Grow(ref _counts, groups);
        Grow(ref _means, groups);
        Grow(ref _m2, groups);
    }

    public override void Update(int[] groups, ArrowArray[] args, int rows)
    {
        var values = ((PrimitiveArray<T>)args[0]).Values;
        var validity = args[0].Validity;
        var counts = _counts;
        var means = _means;
        var m2 = _m2;
        for (var i = 0; i < rows; i++)
        {
            if (validity is not null && (validity[i >> 3] & (1 << (i & 7))) == 0) continue;
            var g = groups[i];
            var x = double.CreateTruncating(values[i]);
            var n = ++counts[g];
            var delta = x - means[g];
            means[g] += delta / n;
            m2[g] += delta * (x - means[g]);
        }
    }

    public override void Merge(Accumulator other, int[] map)
    {
        var o = (VarianceAccumulator<T>)other;
        for (var g = 0; g < map.Length; g++)
        {
            var nb = o._counts[g];
            if (nb == 0) continue;
            var t = map[g];
            var na = _counts[t];
            var n = na + nb;
            var delta = o._means[g] - _means[t];
            _means[t] += delta * nb / n;
            _m2[t] += o._m2[g] + delta * delta * ((double)na * nb / n);
            _counts[t] = n;
        }
    }

    public override ArrowArray Finish(int groups)
    {
        var result = new double[groups];
        byte[]? validity = null;
        for (var g = 0; g < groups; g++)
        {
            var n = _counts[g];
            var denominator = _sample ? n - 1 : n;
            if (denominator <= 0)
            {
                validity ??= Bitmap.AllSet(groups);
                Bitmap.Clear(validity, g);
                continue;
            }
            var variance = Math.Max(0, _m2[g] / denominator);
            result[g] = _sqrt ? Math.Sqrt(variance) : variance;
        }
        return new PrimitiveArray<double>(DataType.Float64, result, groups, validity);
    }
}
