using System.Numerics;
using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>avg over real/double: double sum and count; produces real or double.</summary>
internal sealed class AvgFloatAccumulator<T> : Accumulator
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly DataType _type;
    private double[] _sums = new double[16];
    private long[] _counts = new long[16];

    public AvgFloatAccumulator(DataType type) => _type = type;

    public override void Resize(int groups)
    {
        Grow(ref _sums, groups);
        Grow(ref _counts, groups);
    }

    public override void Update(int[] groups, ArrowArray[] args, int rows)
    {
        var values = ((PrimitiveArray<T>)args[0]).Values;
        var validity = args[0].Validity;
        var sums = _sums;
        var counts = _counts;
        for (var i = 0; i < rows; i++)
        {
            if (validity is not null && (validity[i >> 3] & (1 << (i & 7))) == 0) continue;
            var g = groups[i];
            sums[g] += double.CreateTruncating(values[i]);
            counts[g]++;
        }
    }

    public override void Merge(Accumulator other, int[] map)
    {
        var o = (AvgFloatAccumulator<T>)other;
        for (var g = 0; g < map.Length; g++)
        {
            _sums[map[g]] += o._sums[g];
            _counts[map[g]] += o._counts[g];
        }
    }

    public override ArrowArray Finish(int groups)
    {
        byte[]? validity = null;
        var result = new double[groups];
        for (var g = 0; g < groups; g++)
        {
            if (_counts[g] == 0)
            {
                validity ??= Bitmap.AllSet(groups);
                Bitmap.Clear(validity, g);
            }
            else
            {
                result[g] = _sums[g] / _counts[g];
            }
        }
        if (_type.Id == TypeId.Float32)
        {
            var floats = new float[groups];
            for (var g = 0; g < groups; g++) floats[g] = (float)result[g];
            return new PrimitiveArray<float>(_type, floats, groups, validity);
        }
        return new PrimitiveArray<double>(_type, result, groups, validity);
    }
}
