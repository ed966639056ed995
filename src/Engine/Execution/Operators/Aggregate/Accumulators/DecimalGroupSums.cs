using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>
/// The per-group Int128 sums and value counts that decimal sum and avg both keep: values are added without checks
/// while <see cref="DecimalSumBound"/> proves no 128-bit overflow is possible, checked after that; an overflow is an
/// <see cref="ExecutionException"/> naming the aggregate.
/// </summary>
internal sealed class DecimalGroupSums
{
    private readonly string _aggregate;
    private DecimalSumBound _bound;
    private Int128[] _sums = new Int128[16];
    private long[] _counts = new long[16];

    /// <param name="aggregate">The function name the overflow error gives ("sum", "avg").</param>
    public DecimalGroupSums(DecimalType input, string aggregate)
    {
        _aggregate = aggregate;
        _bound = new DecimalSumBound(input.Precision);
    }

    public Int128[] Sums => _sums;

    public long[] Counts => _counts;

    public void Resize(int groups)
    {
        Accumulator.Grow(ref _sums, groups);
        Accumulator.Grow(ref _counts, groups);
    }

    public void Update(int[] groups, ArrowArray argument, int rows)
    {
        var values = ((PrimitiveArray<Int128>)argument).Values[..rows];
        var validity = argument.Validity;
        if (_bound.AddRows(rows))
        {
            if (validity is null) AddAll(groups, values);
            else AddValid(groups, values, validity);
            return;
        }
        try
        {
            if (validity is null) AddAllChecked(groups, values);
            else AddValidChecked(groups, values, validity);
        }
        catch (OverflowException e)
        {
            throw Overflow(e);
        }
    }

    /// <summary>Adds <paramref name="other"/>'s group g into group <paramref name="map"/>[g].</summary>
    public void Merge(DecimalGroupSums other, int[] map)
    {
        _bound.Merge(other._bound);
        try
        {
            for (var g = 0; g < map.Length; g++)
            {
                if (other._counts[g] == 0) continue;
                _sums[map[g]] = checked(_sums[map[g]] + other._sums[g]);
                _counts[map[g]] += other._counts[g];
            }
        }
        catch (OverflowException e)
        {
            throw Overflow(e);
        }
    }

    public ExecutionException Overflow(Exception? inner = null) => new($"Decimal overflow in {_aggregate}", ErrorCode.NumericOverflow, inner);

    private void AddAll(int[] groups, ReadOnlySpan<Int128> values)
    {
        var sums = _sums;
        var counts = _counts;
        for (var i = 0; i < values.Length; i++)
        {
            var g = groups[i];
            sums[g] += values[i];
            counts[g]++;
        }
    }

    private void AddValid(int[] groups, ReadOnlySpan<Int128> values, byte[] validity)
    {
        var sums = _sums;
        var counts = _counts;
        for (var i = 0; i < values.Length; i++)
        {
            if ((validity[i >> 3] & (1 << (i & 7))) == 0) continue;
            var g = groups[i];
            sums[g] += values[i];
            counts[g]++;
        }
    }

    private void AddAllChecked(int[] groups, ReadOnlySpan<Int128> values)
    {
        var sums = _sums;
        var counts = _counts;
        for (var i = 0; i < values.Length; i++)
        {
            var g = groups[i];
            sums[g] = checked(sums[g] + values[i]);
            counts[g]++;
        }
    }

    private void AddValidChecked(int[] groups, ReadOnlySpan<Int128> values, byte[] validity)
    {
        var sums = _sums;
        var counts = _counts;
        for (var i = 0; i < values.Length; i++)
        {
            if ((validity[i >> 3] & (1 << (i & 7))) == 0) continue;
            var g = groups[i];
            sums[g] = checked(sums[g] + values[i]);
            counts[g]++;
        }
    }
}
