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

/// <summary>min/max over varchar/varbinary (unsigned byte order); a copy of the current extremum per group.</summary>
internal sealed class MinMaxBinaryAccumulator : Accumulator
{
    private readonly DataType _type;
    private readonly bool _max;
    private byte[]?[] _values = new byte[]?[16];

    public MinMaxBinaryAccumulator(DataType type, bool max)
    {
        _type = type;
        _max = max;
    }

    public override void Resize(int groups) => Grow(ref _values, groups);

    private bool Better(ReadOnlySpan<byte> candidate, byte[] current)
    {
        var c = candidate.SequenceCompareTo(current);
        return _max ? c > 0 : c < 0;
    }

    public override void Update(int[] groups, ArrowArray[] args, int rows)
    {
        var a = (BinaryArray)args[0];
        var values = _values;
        for (var i = 0; i < rows; i++)
        {
            if (a.IsNull(i)) continue;
            var g = groups[i];
            var v = a.GetBytes(i);
            var current = values[g];
            if (current is null || Better(v, current)) values[g] = v.ToArray();
        }
    }

    public override void Merge(Accumulator other, int[] map)
    {
        var o = (MinMaxBinaryAccumulator)other;
        for (var g = 0; g < map.Length; g++)
        {
            var v = o._values[g];
            if (v is null) continue;
            var current = _values[map[g]];
            if (current is null || Better(v, current)) _values[map[g]] = v;
        }
    }

    public override ArrowArray Finish(int groups)
    {
        var builder = new BinaryBuilder(_type, groups);
        for (var g = 0; g < groups; g++)
        {
            var v = _values[g];
            if (v is null) builder.AppendNull();
            else builder.Append(v);
        }
        return builder.Build();
    }
}

/// <summary>bool_and / bool_or, and min/max over booleans (min = AND, max = OR).</summary>
internal sealed class BooleanAccumulator : Accumulator
{
    private const byte None = 0;
    private const byte True = 1;
    private const byte False = 2;
    private readonly bool _isOr;
    private byte[] _state = new byte[16];

    public BooleanAccumulator(bool isOr) => _isOr = isOr;

    public override void Resize(int groups) => Grow(ref _state, groups);

    private byte Combine(byte current, bool value)
    {
        if (current == None) return value ? True : False;
        if (_isOr) return current == True || value ? True : False;
        return current == False || !value ? False : True;
    }

    public override void Update(int[] groups, ArrowArray[] args, int rows)
    {
        if (args[0] is not BooleanArray b) return;
        for (var i = 0; i < rows; i++)
        {
            if (b.IsNull(i)) continue;
            var g = groups[i];
            _state[g] = Combine(_state[g], b.GetBit(i));
        }
    }

    public override void Merge(Accumulator other, int[] map)
    {
        var o = (BooleanAccumulator)other;
        for (var g = 0; g < map.Length; g++)
        {
            if (o._state[g] != None) _state[map[g]] = Combine(_state[map[g]], o._state[g] == True);
        }
    }

    public override ArrowArray Finish(int groups)
    {
        var bits = new byte[Bitmap.BytesFor(groups)];
        byte[]? validity = null;
        for (var g = 0; g < groups; g++)
        {
            if (_state[g] == True) Bitmap.Set(bits, g);
            else if (_state[g] == None)
            {
                validity ??= Bitmap.AllSet(groups);
                Bitmap.Clear(validity, g);
            }
        }
        return new BooleanArray(bits, groups, validity);
    }
}
