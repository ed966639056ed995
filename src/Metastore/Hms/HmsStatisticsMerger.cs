using System.Globalization;
using QueryEngine.Engine.Catalog;

namespace QueryEngine.Metastore.Hms;

/// <summary>
/// Combines statistics of one column from several partitions (<c>get_aggr_stats_for</c>) or an update with the
/// stored statistics (<c>needMerge</c>), as Hive's aggregators do without bit vectors: null counts, true and false
/// counts add up; low values take the minimum, high values, maximum lengths, average lengths and distinct counts
/// the maximum (a lower bound for the distinct count of the union).
/// </summary>
internal static class HmsStatisticsMerger
{
    public static ColumnStatistics Merge(ColumnStatistics left, ColumnStatistics right) => left with
    {
        NumNulls = left.NumNulls + right.NumNulls,
        NumDistinct = Max(left.NumDistinct, right.NumDistinct),
        LongLow = Min(left.LongLow, right.LongLow),
        LongHigh = Max(left.LongHigh, right.LongHigh),
        DoubleLow = Min(left.DoubleLow, right.DoubleLow),
        DoubleHigh = Max(left.DoubleHigh, right.DoubleHigh),
        DecimalLow = Decimal(left.DecimalLow, right.DecimalLow, wantLow: true),
        DecimalHigh = Decimal(left.DecimalHigh, right.DecimalHigh, wantLow: false),
        MaxLength = Max(left.MaxLength, right.MaxLength),
        AverageLength = Max(left.AverageLength, right.AverageLength),
        NumTrues = Sum(left.NumTrues, right.NumTrues),
        NumFalses = Sum(left.NumFalses, right.NumFalses),
        LastAnalyzed = left.LastAnalyzed > right.LastAnalyzed ? left.LastAnalyzed : right.LastAnalyzed,
    };

    private static long? Sum(long? a, long? b) => a is null ? b : b is null ? a : a + b;

    private static T? Min<T>(T? a, T? b)
        where T : struct, IComparable<T> => a is null ? b : b is null ? a : a.Value.CompareTo(b.Value) <= 0 ? a : b;

    private static T? Max<T>(T? a, T? b)
        where T : struct, IComparable<T> => a is null ? b : b is null ? a : a.Value.CompareTo(b.Value) >= 0 ? a : b;

    /// <summary>The lower (or higher) of two decimal texts; one that does not parse loses to one that does.</summary>
    private static string? Decimal(string? a, string? b, bool wantLow)
    {
        if (a is null) return b;
        if (b is null) return a;
        var styles = NumberStyles.Number;
        if (!decimal.TryParse(a, styles, CultureInfo.InvariantCulture, out var x)) return b;
        if (!decimal.TryParse(b, styles, CultureInfo.InvariantCulture, out var y)) return a;
        return (x <= y) == wantLow ? a : b;
    }
}
