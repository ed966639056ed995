using System.Numerics;
using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

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
