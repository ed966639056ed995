using QueryEngine.Engine.Catalog;
using Xunit;

namespace QueryEngine.Engine.Tests.Catalog;

public sealed class ColumnStatisticsUnionTests
{
    private static readonly DateTimeOffset Earlier = DateTimeOffset.FromUnixTimeSeconds(1_000);
    private static readonly DateTimeOffset Later = DateTimeOffset.FromUnixTimeSeconds(2_000);

    [Fact]
    public void CountsOfNullsTruesAndFalsesAddUp()
    {
        var left = new ColumnStatistics("flag", "boolean") { NumNulls = 3, NumTrues = 10, NumFalses = 4 };
        var right = new ColumnStatistics("flag", "boolean") { NumNulls = 2, NumTrues = 1, NumFalses = null };

        var union = left.Union(17, right, 3);

        Assert.Equal(5, union.NumNulls);
        Assert.Equal(11, union.NumTrues);
        Assert.Equal(4, union.NumFalses);
    }

    [Fact]
    public void DistinctCountIsTheLargerLowerBound()
    {
        var left = new ColumnStatistics("k", "bigint") { NumDistinct = 40 };
        var right = new ColumnStatistics("k", "bigint") { NumDistinct = 90 };
        var unknown = new ColumnStatistics("k", "bigint");

        Assert.Equal(90, left.Union(100, right, 100).NumDistinct);
        Assert.Equal(90, right.Union(100, left, 100).NumDistinct);
        Assert.Equal(40, left.Union(100, unknown, 100).NumDistinct);
    }

    [Fact]
    public void BoundsWidenAndAMissingBoundTakesTheOther()
    {
        var left = new ColumnStatistics("x", "double") { LongLow = -5, LongHigh = 7, DoubleLow = 1.5, DoubleHigh = 2.5 };
        var right = new ColumnStatistics("x", "double") { LongLow = 0, LongHigh = 70, DoubleLow = -0.5, DoubleHigh = null };

        var union = left.Union(null, right, null);

        Assert.Equal(-5, union.LongLow);
        Assert.Equal(70, union.LongHigh);
        Assert.Equal(-0.5, union.DoubleLow);
        Assert.Equal(2.5, union.DoubleHigh);
    }

    [Fact]
    public void DecimalBoundsCompareAsNumbersNotText()
    {
        var left = new ColumnStatistics("d", "decimal(10,2)") { DecimalLow = "9.50", DecimalHigh = "10.00" };
        var right = new ColumnStatistics("d", "decimal(10,2)") { DecimalLow = "-100.25", DecimalHigh = "9.99" };

        var union = left.Union(null, right, null);

        Assert.Equal("-100.25", union.DecimalLow);
        Assert.Equal("10.00", union.DecimalHigh);
    }

    [Fact]
    public void DecimalBoundsBeyondTwentyEightDigitsStillCompare()
    {
        var left = new ColumnStatistics("d", "decimal(38,0)") { DecimalLow = "1", DecimalHigh = "99999999999999999999999999999999999999" };
        var right = new ColumnStatistics("d", "decimal(38,0)") { DecimalLow = "-99999999999999999999999999999999999999", DecimalHigh = "5" };

        var union = left.Union(null, right, null);

        Assert.Equal("-99999999999999999999999999999999999999", union.DecimalLow);
        Assert.Equal("99999999999999999999999999999999999999", union.DecimalHigh);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData("NaN")]
    public void AnUnparseableDecimalBoundLosesWithoutAnError(string bad)
    {
        var good = new ColumnStatistics("d", "decimal(10,2)") { DecimalLow = "3.00", DecimalHigh = "4.00" };
        var broken = new ColumnStatistics("d", "decimal(10,2)") { DecimalLow = bad, DecimalHigh = bad };

        var goodFirst = good.Union(null, broken, null);
        var brokenFirst = broken.Union(null, good, null);

        Assert.Equal(("3.00", "4.00"), (goodFirst.DecimalLow, goodFirst.DecimalHigh));
        Assert.Equal(("3.00", "4.00"), (brokenFirst.DecimalLow, brokenFirst.DecimalHigh));
    }

    [Fact]
    public void AverageLengthIsWeightedByNonNullRows()
    {
        // Left: 10 rows, 2 null -> 8 values of average 5; right: 4 rows, 0 null -> 4 values of average 2.
        var left = new ColumnStatistics("s", "string") { NumNulls = 2, AverageLength = 5, MaxLength = 9 };
        var right = new ColumnStatistics("s", "string") { NumNulls = 0, AverageLength = 2, MaxLength = 12 };

        var union = left.Union(10, right, 4);

        Assert.Equal(((8 * 5.0) + (4 * 2.0)) / 12, union.AverageLength!.Value, 12);
        Assert.Equal(12, union.MaxLength);
    }

    [Fact]
    public void AverageLengthIsThePlainMeanWhenARowCountIsUnknown()
    {
        var left = new ColumnStatistics("s", "string") { AverageLength = 5 };
        var right = new ColumnStatistics("s", "string") { AverageLength = 2 };

        Assert.Equal(3.5, left.Union(10, right, null).AverageLength);
        Assert.Equal(3.5, left.Union(null, right, null).AverageLength);
        Assert.Equal(5, left.Union(10, right with { AverageLength = null }, 4).AverageLength);
    }

    [Fact]
    public void AverageLengthOfOnlyNullsOnBothSidesIsThePlainMean()
    {
        var left = new ColumnStatistics("s", "string") { NumNulls = 3, AverageLength = 0 };
        var right = new ColumnStatistics("s", "string") { NumNulls = 2, AverageLength = 0 };

        Assert.Equal(0, left.Union(3, right, 2).AverageLength);
    }

    [Fact]
    public void KeepsThisSidesNameAndTypeAndTheLaterAnalysisTime()
    {
        var left = new ColumnStatistics("name", "string") { LastAnalyzed = Earlier };
        var right = new ColumnStatistics("NAME", "varchar(10)") { LastAnalyzed = Later };

        var union = left.Union(null, right, null);

        Assert.Equal(("name", "string", Later), (union.Column, union.HiveType, union.LastAnalyzed));
        Assert.Equal(Later, right.Union(null, left, null).LastAnalyzed);
    }
}
