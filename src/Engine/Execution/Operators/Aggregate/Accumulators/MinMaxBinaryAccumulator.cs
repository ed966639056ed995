using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

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
