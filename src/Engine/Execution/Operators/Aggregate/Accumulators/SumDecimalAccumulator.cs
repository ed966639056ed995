using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>
/// sum over decimal(p, s) into decimal(38, s): Int128 sums in <see cref="DecimalGroupSums"/> (unchecked while
/// provably safe, checked after that); the 38-digit limit is checked when finishing.
/// It also counts the values per group, so an avg over the same argument can be finished from this state
/// (<see cref="AvgOfSumAccumulator"/>).
/// </summary>
internal sealed class SumDecimalAccumulator : Accumulator
{
    private readonly DataType _type;
    private readonly DecimalGroupSums _state;

    public SumDecimalAccumulator(DataType type, DecimalType input)
    {
        _type = type;
        _state = new DecimalGroupSums(input, "sum");
    }

    public override void Resize(int groups) => _state.Resize(groups);

    public override void Update(int[] groups, ArrowArray[] args, int rows) => _state.Update(groups, args[0], rows);

    public override void Merge(Accumulator other, int[] map) => _state.Merge(((SumDecimalAccumulator)other)._state, map);

    public override ArrowArray Finish(int groups)
    {
        var precision = ((DecimalType)_type).Precision;
        var sums = _state.Sums;
        var counts = _state.Counts;
        byte[]? validity = null;
        for (var g = 0; g < groups; g++)
        {
            if (counts[g] == 0)
            {
                validity ??= Bitmap.AllSet(groups);
                Bitmap.Clear(validity, g);
                continue;
            }
            if (!DecimalMath.FitsPrecision(sums[g], precision)) throw _state.Overflow();
        }
        return new PrimitiveArray<Int128>(_type, sums[..groups], groups, validity);
    }

    /// <summary>avg over the same argument from this state (see <see cref="AvgOfSumAccumulator"/>).</summary>
    public ArrowArray FinishAverage(int groups, DecimalType type, int inputScale) => DecimalAverage.Finish(_state.Sums, _state.Counts, groups, type, inputScale);
}
