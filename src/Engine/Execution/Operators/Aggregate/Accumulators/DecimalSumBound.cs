namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>
/// An upper bound on the magnitude of every Int128 decimal sum an accumulator holds: each value of a decimal(p, s)
/// input is below 10^p, so after n values a sum is below n * 10^p. While that bound stays below 10^38 (under
/// Int128.MaxValue, about 1.7 * 10^38) no addition can overflow 128 bits and the per-row additions need no check;
/// the 38-digit limit of the result is still checked once per group when the sums are finished. A sum over
/// decimal(15, 2) reaches the bound only after 10^23 rows; a wide input (decimal(38)) goes checked from the start.
/// </summary>
internal struct DecimalSumBound
{
    /// <summary>Where unchecked additions stop: 10^38, below Int128.MaxValue with room for the rounding of doubles.</summary>
    private const double Limit = 1e38;

    private readonly double _perValue;
    private double _bound;

    public DecimalSumBound(int inputPrecision) => _perValue = Math.Pow(10, inputPrecision);

    /// <summary>Counts <paramref name="rows"/> more values; true when every sum stays below the limit with them, so they
    /// may be added unchecked. Once false it stays false (the bound only grows).</summary>
    public bool AddRows(int rows)
    {
        _bound += rows * _perValue;
        return _bound < Limit;
    }

    /// <summary>Takes in the values another accumulator summed (its sums are added into these).</summary>
    public void Merge(DecimalSumBound other) => _bound += other._bound;
}
