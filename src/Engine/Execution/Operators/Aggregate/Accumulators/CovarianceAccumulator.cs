using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>
/// corr, covar_samp, covar_pop, regr_slope and regr_intercept of (y, x) double pairs: per group the count, both means and
/// the co-moments, updated online (Welford) and merged with Chan's formulas. Rows where y or x is NULL are skipped.
/// </summary>
internal sealed class CovarianceAccumulator : Accumulator
{
    private readonly AggregateFunction _function;
    private long[] _counts = new long[16];
    private double[] _meanX = new double[16];
    private double[] _meanY = new double[16];
    private double[] _m2X = new double[16];
    private double[] _m2Y = new double[16];
    private double[] _cXY = new double[16];

    public CovarianceAccumulator(AggregateFunction function) => _function = function;

    public override void Resize(int groups)
    {
        Grow(ref _counts, groups);
        Grow(ref _meanX, groups);
        Grow(ref _meanY, groups);
        Grow(ref _m2X, groups);
        Grow(ref _m2Y, groups);
        Grow(ref _cXY, groups);
    }

    public override void Update(int[] groups, ArrowArray[] args, int rows)
    {
        var ys = ((PrimitiveArray<double>)args[0]).Values;
        var xs = ((PrimitiveArray<double>)args[1]).Values;
        var yValid = args[0].Validity;
        var xValid = args[1].Validity;
        for (var i = 0; i < rows; i++)
        {
            if (yValid is not null && !Bitmap.Get(yValid, i) || xValid is not null && !Bitmap.Get(xValid, i)) continue;
            var g = groups[i];
            var x = xs[i];
            var y = ys[i];
            var n = ++_counts[g];
            var dx = x - _meanX[g];
            var dy = y - _meanY[g];
            _meanX[g] += dx / n;
            _meanY[g] += dy / n;
            _m2X[g] += dx * (x - _meanX[g]);
            _m2Y[g] += dy * (y - _meanY[g]);
            _cXY[g] += dx * (y - _meanY[g]);
        }
    }

    public override void Merge(Accumulator other, int[] map)
    {
        var o = (CovarianceAccumulator)other;
        for (var g = 0; g < map.Length; g++)
        {
            var nb = o._counts[g];
            if (nb == 0) continue;
            var t = map[g];
            var na = _counts[t];
            var n = na + nb;
            var dx = o._meanX[g] - _meanX[t];
            var dy = o._meanY[g] - _meanY[t];
            var weight = (double)na * nb / n;
            _m2X[t] += o._m2X[g] + dx * dx * weight;
            _m2Y[t] += o._m2Y[g] + dy * dy * weight;
            _cXY[t] += o._cXY[g] + dx * dy * weight;
            _meanX[t] += dx * nb / n;
            _meanY[t] += dy * nb / n;
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
            double? value = _function switch
            {
                AggregateFunction.CovarPop when n > 0 => _cXY[g] / n,
                AggregateFunction.CovarSamp when n > 1 => _cXY[g] / (n - 1),
                AggregateFunction.Corr when n > 0 && _m2X[g] > 0 && _m2Y[g] > 0 => _cXY[g] / Math.Sqrt(_m2X[g] * _m2Y[g]),
                AggregateFunction.RegrSlope when n > 0 && _m2X[g] > 0 => _cXY[g] / _m2X[g],
                AggregateFunction.RegrIntercept when n > 0 && _m2X[g] > 0 => _meanY[g] - _cXY[g] / _m2X[g] * _meanX[g],
                _ => null,
            };
            if (value is { } v)
            {
                result[g] = v;
                continue;
            }
            validity ??= Bitmap.AllSet(groups);
            Bitmap.Clear(validity, g);
        }
        return new PrimitiveArray<double>(DataType.Float64, result, groups, validity);
    }
}

/// <summary>geometric_mean(x): exp of the mean of ln(x) over the non-null values.</summary>
internal sealed class GeometricMeanAccumulator : Accumulator
{
    private long[] _counts = new long[16];
    private double[] _logSums = new double[16];

    public override void Resize(int groups)
    {
        Grow(ref _counts, groups);
        Grow(ref _logSums, groups);
    }

    public override void Update(int[] groups, ArrowArray[] args, int rows)
    {
        var values = ((PrimitiveArray<double>)args[0]).Values;
        var validity = args[0].Validity;
        for (var i = 0; i < rows; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i)) continue;
            var g = groups[i];
            _counts[g]++;
            _logSums[g] += Math.Log(values[i]);
        }
    }

    public override void Merge(Accumulator other, int[] map)
    {
        var o = (GeometricMeanAccumulator)other;
        for (var g = 0; g < map.Length; g++)
        {
            _counts[map[g]] += o._counts[g];
            _logSums[map[g]] += o._logSums[g];
        }
    }

    public override ArrowArray Finish(int groups)
    {
        var result = new double[groups];
        var has = new bool[groups];
        for (var g = 0; g < groups; g++)
        {
            if (_counts[g] == 0) continue;
            has[g] = true;
            result[g] = Math.Exp(_logSums[g] / _counts[g]);
        }
        return new PrimitiveArray<double>(DataType.Float64, result, groups, ValidityFromFlags(has, groups));
    }
}
