using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>
/// approx_percentile(x, p), answered exactly: the non-null values of each group are kept and sorted at the end, and the
/// result is the value at position floor((n - 1) * p) (DuckDB's quantile_disc). p must be constant per group, in [0, 1].
/// </summary>
internal sealed class PercentileAccumulator<T> : Accumulator
    where T : unmanaged, IComparable<T>
{
    private readonly DataType _type;
    private T[][] _values = new T[16][];
    private int[] _counts = new int[16];
    private double _percentile = double.NaN;

    public PercentileAccumulator(DataType type) => _type = type;

    public override void Resize(int groups)
    {
        Grow(ref _values, groups);
        Grow(ref _counts, groups);
    }

    public override void Update(int[] groups, ArrowArray[] args, int rows)
    {
        var values = (PrimitiveArray<T>)args[0];
        var percentiles = (PrimitiveArray<double>)args[1];
        var buffer = values.Buffer;
        for (var i = 0; i < rows; i++)
        {
            if (values.IsNull(i)) continue;
            if (percentiles.IsNull(i)) throw new ExecutionException("approx_percentile: percentile cannot be NULL");
            var p = percentiles.Buffer[i];
            if (p != _percentile) SetPercentile(p);
            var g = groups[i];
            var list = _values[g] ??= new T[4];
            if (_counts[g] == list.Length) Array.Resize(ref _values[g], list.Length * 2);
            _values[g][_counts[g]++] = buffer[i];
        }
    }

    private void SetPercentile(double p)
    {
        if (!(p >= 0 && p <= 1)) throw new ExecutionException($"approx_percentile: percentile must be between 0 and 1, got {p}");
        if (!double.IsNaN(_percentile)) throw new ExecutionException("approx_percentile: percentile must be constant");
        _percentile = p;
    }

    public override void Merge(Accumulator other, int[] map)
    {
        var o = (PercentileAccumulator<T>)other;
        if (!double.IsNaN(o._percentile) && o._percentile != _percentile)
        {
            if (!double.IsNaN(_percentile)) throw new ExecutionException("approx_percentile: percentile must be constant");
            _percentile = o._percentile;
        }
        for (var g = 0; g < map.Length && g < o._counts.Length; g++)
        {
            var n = o._counts[g];
            if (n == 0) continue;
            var target = map[g];
            var list = _values[target] ??= new T[Math.Max(4, n)];
            if (_counts[target] + n > list.Length) Array.Resize(ref _values[target], Math.Max(list.Length * 2, _counts[target] + n));
            o._values[g].AsSpan(0, n).CopyTo(_values[target].AsSpan(_counts[target]));
            _counts[target] += n;
        }
    }

    public override ArrowArray Finish(int groups)
    {
        var result = new T[groups];
        var has = new bool[groups];
        for (var g = 0; g < groups; g++)
        {
            var n = _counts[g];
            if (n == 0) continue;
            var span = _values[g].AsSpan(0, n);
            span.Sort();
            result[g] = span[(int)Math.Floor((n - 1) * _percentile)];
            has[g] = true;
        }
        return new PrimitiveArray<T>(_type, result, groups, ValidityFromFlags(has, groups));
    }
}
