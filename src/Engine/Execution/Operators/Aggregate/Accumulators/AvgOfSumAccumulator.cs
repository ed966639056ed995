using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>
/// avg(x) over decimals in a query that also has sum(x) with the same argument (TPC-H Q1's avg(l_quantity) beside
/// sum(l_quantity)): the sum's accumulator already holds each group's sum and count of values, so this one reads
/// them when finishing and does nothing per batch; its argument is not evaluated at all.
/// </summary>
internal sealed class AvgOfSumAccumulator : Accumulator
{
    private readonly SumDecimalAccumulator _sum;
    private readonly DecimalType _type;
    private readonly int _inputScale;

    public AvgOfSumAccumulator(SumDecimalAccumulator sum, DecimalType type, DecimalType input)
    {
        _sum = sum;
        _type = type;
        _inputScale = input.Scale;
    }

    /// <summary>The sum's accumulator keeps the state and resizes it itself.</summary>
    public override void Resize(int groups)
    {
    }

    /// <summary>The sum's accumulator adds the rows.</summary>
    public override void Update(int[] groups, ArrowArray[] args, int rows)
    {
    }

    /// <summary>The sum's accumulator merges its state.</summary>
    public override void Merge(Accumulator other, int[] map)
    {
    }

    public override ArrowArray Finish(int groups) => _sum.FinishAverage(groups, _type, _inputScale);
}
