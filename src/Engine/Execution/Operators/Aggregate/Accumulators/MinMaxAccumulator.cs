using System.Numerics;
using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>Which of two values an extremum keeps.</summary>
internal interface IExtremum
{
    static abstract bool IsMax { get; }
}

internal struct MaxOf : IExtremum
{
    public static bool IsMax => true;
}

internal struct MinOf : IExtremum
{
    public static bool IsMax => false;
}

/// <summary>min/max over fixed-width values (ints, floats with NaN as the largest value, decimals, dates, timestamps).</summary>
internal sealed class MinMaxAccumulator<T, TDir> : Accumulator
    where T : unmanaged, INumberBase<T>, IComparisonOperators<T, T, bool>
    where TDir : IExtremum
{
    private readonly DataType _type;
    private T[] _values = new T[16];
    private bool[] _has = new bool[16];

    public MinMaxAccumulator(DataType type) => _type = type;

    public override void Resize(int groups)
    {
        Grow(ref _values, groups);
        Grow(ref _has, groups);
    }

    private static bool Better(T candidate, T current)
    {
        if (TDir.IsMax) return T.IsNaN(candidate) ? !T.IsNaN(current) : candidate > current;
        return T.IsNaN(current) ? !T.IsNaN(candidate) : candidate < current;
    }

    public override void Update(int[] groups, ArrowArray[] args, int rows)
    {
        var values = ((PrimitiveArray<T>)args[0]).Values;
        var validity = args[0].Validity;
        var best = _values;
        var has = _has;
        for (var i = 0; i < rows; i++)
        {
            if (validity is not null && (validity[i >> 3] & (1 << (i & 7))) == 0) continue;
            var g = groups[i];
            var v = values[i];
            if (!has[g])
            {
                has[g] = true;
                best[g] = v;
            }
            else if (Better(v, best[g]))
            {
                best[g] = v;
            }
        }
    }

    public override void Merge(Accumulator other, int[] map)
    {
        var o = (MinMaxAccumulator<T, TDir>)other;
        for (var g = 0; g < map.Length; g++)
        {
            if (!o._has[g]) continue;
            var t = map[g];
            if (!_has[t] || Better(o._values[g], _values[t]))
            {
                _values[t] = o._values[g];
                _has[t] = true;
            }
        }
    }

    public override ArrowArray Finish(int groups) => new PrimitiveArray<T>(_type, _values[..groups], groups, ValidityFromFlags(_has, groups));
}
