using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>
/// avg over decimal(p, s): Int128 sum / count rounded HALF_UP, as decimal(p, s). The sums and counts are
/// <see cref="DecimalGroupSums"/> (unchecked while provably safe, checked after that).
/// </summary>
internal sealed class AvgDecimalAccumulator : Accumulator
{
    private readonly DecimalType _type;
    private readonly int _inputScale;
    private readonly DecimalGroupSums _state;

    public AvgDecimalAccumulator(DecimalType type, DecimalType input)
    {
        _type = type;
        _inputScale = input.Scale;
        _state = new DecimalGroupSums(input, "avg");
    }

    public override void Resize(int groups) => _state.Resize(groups);

    public override void Update(int[] groups, ArrowArray[] args, int rows) => _state.Update(groups, args[0], rows);

    public override void Merge(Accumulator other, int[] map) => _state.Merge(((AvgDecimalAccumulator)other)._state, map);

    public override ArrowArray Finish(int groups) => DecimalAverage.Finish(_state.Sums, _state.Counts, groups, _type, _inputScale);
}
