using System.Globalization;

namespace QueryEngine.Engine.Catalog;

/// <summary>
/// The one rule for combining two sets of statistics of the same column (an INSERT into an analyzed table, partitions
/// aggregated over the Hive Metastore API, a <c>needMerge</c> update). Without the sketches of both sides only a
/// lower bound of the distinct count is known, so it is the larger of the two.
/// </summary>
public sealed partial record ColumnStatistics
{
    /// <summary>
    /// The statistics of the union of the rows this describes (<paramref name="rows"/> of them, null when unknown)
    /// and those <paramref name="other"/> describes (<paramref name="otherRows"/>). Null, true and false counts add up;
    /// low values take the minimum and high values, maximum lengths and distinct counts the maximum; the average
    /// length is weighted by each side's non-null rows (rows minus nulls), or the plain mean when a row count is
    /// unknown. A decimal bound that is not a number loses to one that is (a metastore keeps what clients send and
    /// never fails on it); when neither is a number the first is kept. Name and type are this side's; the analysis
    /// time is the later one.
    /// </summary>
    public ColumnStatistics Union(long? rows, ColumnStatistics other, long? otherRows)
    {
        ArgumentNullException.ThrowIfNull(other);
        return this with
        {
            NumNulls = NumNulls + other.NumNulls,
            NumDistinct = Larger(NumDistinct, other.NumDistinct),
            LongLow = Smaller(LongLow, other.LongLow),
            LongHigh = Larger(LongHigh, other.LongHigh),
            DoubleLow = Smaller(DoubleLow, other.DoubleLow),
            DoubleHigh = Larger(DoubleHigh, other.DoubleHigh),
            DecimalLow = DecimalBound(DecimalLow, other.DecimalLow, low: true),
            DecimalHigh = DecimalBound(DecimalHigh, other.DecimalHigh, low: false),
            MaxLength = Larger(MaxLength, other.MaxLength),
            AverageLength = WeightedAverage(AverageLength, NonNullRows(rows, NumNulls), other.AverageLength, NonNullRows(otherRows, other.NumNulls)),
            NumTrues = Sum(NumTrues, other.NumTrues),
            NumFalses = Sum(NumFalses, other.NumFalses),
            LastAnalyzed = LastAnalyzed >= other.LastAnalyzed ? LastAnalyzed : other.LastAnalyzed,
        };
    }

    private static long? NonNullRows(long? rows, long nulls) => rows is { } r ? Math.Max(0, r - nulls) : null;

    private static double? WeightedAverage(double? a, long? aWeight, double? b, long? bWeight)
    {
        if (a is not { } x) return b;
        if (b is not { } y) return a;
        if (aWeight is { } wa && bWeight is { } wb)
        {
            return wa + wb == 0 ? (x + y) / 2 : ((x * wa) + (y * wb)) / (wa + wb);
        }
        return (x + y) / 2;
    }

    private static T? Smaller<T>(T? a, T? b)
        where T : struct, IComparable<T> => a is { } x && b is { } y ? (x.CompareTo(y) <= 0 ? x : y) : a ?? b;

    private static T? Larger<T>(T? a, T? b)
        where T : struct, IComparable<T> => a is { } x && b is { } y ? (x.CompareTo(y) >= 0 ? x : y) : a ?? b;

    private static long? Sum(long? a, long? b) => a is { } x && b is { } y ? x + y : a ?? b;

    /// <summary>
    /// The lower (or higher) of two decimal texts, compared exactly as decimals within decimal's 28 digits and as
    /// doubles beyond (close enough for an optimizer's bounds). A text that is no number loses.
    /// </summary>
    private static string? DecimalBound(string? a, string? b, bool low)
    {
        if (a is null) return b;
        if (b is null) return a;
        if (decimal.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) &&
            decimal.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
        {
            return (low ? x <= y : x >= y) ? a : b;
        }
        var aIsNumber = TryDouble(a, out var dx);
        var bIsNumber = TryDouble(b, out var dy);
        if (!bIsNumber) return a;
        if (!aIsNumber) return b;
        return (low ? dx <= dy : dx >= dy) ? a : b;
    }

    private static bool TryDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
