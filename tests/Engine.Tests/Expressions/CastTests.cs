using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using Xunit;
using static QueryEngine.Engine.Tests.Expressions.ExprTestHelpers;
using static QueryEngine.Engine.Tests.Execution.TestData;

namespace QueryEngine.Engine.Tests.Expressions;

public sealed class CastTests
{
    private static object? Cast(object? value, DataType from, DataType to, bool isTry = false) => Eval(new CastExpr(Lit(value, from), to, isTry));

    [Fact]
    public void VarcharToNumbers()
    {
        Assert.Equal(42L, Cast(" 42 ", DataType.Utf8, DataType.Int64));
        Assert.Equal(-7, Cast("-7", DataType.Utf8, DataType.Int32));
        Assert.Equal((short)12, Cast("+12", DataType.Utf8, DataType.Int16));
        Assert.Equal(1.5, Cast("1.5", DataType.Utf8, DataType.Float64));
        Assert.Equal(1e10, Cast("1e10", DataType.Utf8, DataType.Float64));
        Assert.True(double.IsNaN((double)Cast("NaN", DataType.Utf8, DataType.Float64)!));
        Assert.Equal(double.PositiveInfinity, Cast("Infinity", DataType.Utf8, DataType.Float64));
        Assert.Equal(double.NegativeInfinity, Cast("-Infinity", DataType.Utf8, DataType.Float64));
        Assert.Equal(2.5f, Cast("2.5", DataType.Utf8, DataType.Float32));
        Assert.Equal(Dec("12.35", 2), Cast("12.345", DataType.Utf8, new DecimalType(5, 2)));
        Assert.Equal(Dec("-12.35", 2), Cast("-12.345", DataType.Utf8, new DecimalType(5, 2)));
        Assert.Equal(Dec("1500", 0), Cast("1.5e3", DataType.Utf8, new DecimalType(5, 0)));
    }

    [Fact]
    public void BadTextIsAnInvalidCastNamingValueAndType()
    {
        var e = Assert.Throws<ExecutionException>(() => Cast("abc", DataType.Utf8, DataType.Int64));
        Assert.Equal(ErrorCode.InvalidCast, e.Code);
        Assert.Equal("Cannot cast 'abc' to bigint", e.Message);
        Assert.Throws<ExecutionException>(() => Cast("1.5", DataType.Utf8, DataType.Int64));
        Assert.Throws<ExecutionException>(() => Cast("", DataType.Utf8, DataType.Int32));
        Assert.Throws<ExecutionException>(() => Cast("1,000", DataType.Utf8, DataType.Float64));
        Assert.Throws<ExecutionException>(() => Cast("99999999999", DataType.Utf8, DataType.Int32));
        Assert.Throws<ExecutionException>(() => Cast("2020-02-30", DataType.Utf8, DataType.Date32));
        Assert.Throws<ExecutionException>(() => Cast("maybe", DataType.Utf8, DataType.Boolean));
        Assert.Throws<ExecutionException>(() => Cast("123.456", DataType.Utf8, new DecimalType(4, 2)));
    }

    [Fact]
    public void TryCastGivesNullOnFailure()
    {
        Assert.Null(Cast("abc", DataType.Utf8, DataType.Int64, isTry: true));
        Assert.Null(Cast(3_000_000_000L, DataType.Int64, DataType.Int32, isTry: true));
        Assert.Null(Cast(double.NaN, DataType.Float64, DataType.Int64, isTry: true));
        Assert.Null(Cast("2020-13-01", DataType.Utf8, DataType.Date32, isTry: true));
        var batch = Column(DataType.Utf8, "1", "x", null, "3");
        Assert.Equal([1L, null, null, 3L], Eval(new CastExpr(X(DataType.Utf8), DataType.Int64, true), batch));
    }

    [Fact]
    public void IntegerNarrowingChecksRange()
    {
        Assert.Equal((sbyte)-128, Cast(-128L, DataType.Int64, DataType.Int8));
        var e = Assert.Throws<ExecutionException>(() => Cast(3_000_000_000L, DataType.Int64, DataType.Int32));
        Assert.Equal(ErrorCode.NumericOverflow, e.Code);
        Assert.Contains("3000000000", e.Message);
        Assert.Equal(3_000_000_000.0, Cast(3_000_000_000L, DataType.Int64, DataType.Float64));
    }

    [Fact]
    public void DoubleToIntegerRoundsHalfAwayFromZero()
    {
        Assert.Equal(3L, Cast(2.5, DataType.Float64, DataType.Int64));
        Assert.Equal(-3L, Cast(-2.5, DataType.Float64, DataType.Int64));
        Assert.Equal(2, Cast(2.4f, DataType.Float32, DataType.Int32));
        Assert.Throws<ExecutionException>(() => Cast(1e20, DataType.Float64, DataType.Int64));
        Assert.Throws<ExecutionException>(() => Cast(double.PositiveInfinity, DataType.Float64, DataType.Int64));
        Assert.Throws<ExecutionException>(() => Cast(9.3e18, DataType.Float64, DataType.Int64));
    }

    [Fact]
    public void DecimalRescalingRoundsHalfUpAndChecksPrecision()
    {
        Assert.Equal(Dec("1.24", 2), Cast(Dec("1.235", 3), new DecimalType(4, 3), new DecimalType(3, 2)));
        Assert.Equal(Dec("-1.24", 2), Cast(Dec("-1.235", 3), new DecimalType(4, 3), new DecimalType(3, 2)));
        Assert.Equal(Dec("1.2350", 4), Cast(Dec("1.235", 3), new DecimalType(4, 3), new DecimalType(5, 4)));
        Assert.Throws<ExecutionException>(() => Cast(Dec("123.45", 2), new DecimalType(5, 2), new DecimalType(4, 2)));
        Assert.Equal(Dec("124", 0), Cast(Dec("123.5", 1), new DecimalType(4, 1), new DecimalType(4, 0)));
        Assert.Equal(124L, Cast(Dec("123.5", 1), new DecimalType(4, 1), DataType.Int64));
        Assert.Equal(-124L, Cast(Dec("-123.5", 1), new DecimalType(4, 1), DataType.Int64));
        Assert.Equal(1.25, Cast(Dec("1.25", 2), new DecimalType(3, 2), DataType.Float64));
        Assert.Equal(Dec("5.00", 2), Cast(5L, DataType.Int64, new DecimalType(3, 2)));
        Assert.Throws<ExecutionException>(() => Cast(50L, DataType.Int64, new DecimalType(3, 2)));
        Assert.Equal(Dec("0.10", 2), Cast(0.1, DataType.Float64, new DecimalType(3, 2)));
        Assert.Equal(Dec("2.68", 2), Cast(2.675, DataType.Float64, new DecimalType(3, 2)));
    }

    [Fact]
    public void AnythingToVarchar()
    {
        Assert.Equal("42", Cast(42L, DataType.Int64, DataType.Utf8));
        Assert.Equal("-5", Cast((sbyte)-5, DataType.Int8, DataType.Utf8));
        Assert.Equal("1.5", Cast(1.5, DataType.Float64, DataType.Utf8));
        Assert.Equal("NaN", Cast(double.NaN, DataType.Float64, DataType.Utf8));
        Assert.Equal("-0.05", Cast(Dec("-0.05", 2), new DecimalType(3, 2), DataType.Utf8));
        Assert.Equal("true", Cast(true, DataType.Boolean, DataType.Utf8));
        Assert.Equal("2024-02-29", Cast(19782, DataType.Date32, DataType.Utf8));
        Assert.Null(Cast(null, DataType.Int64, DataType.Utf8));
    }

    [Fact]
    public void DatesAndTimestamps()
    {
        Assert.Equal(19782, Cast("2024-02-29", DataType.Utf8, DataType.Date32));
        Assert.Equal(-1, Cast("1969-12-31", DataType.Utf8, DataType.Date32));
        Assert.Equal(19782L * 86_400_000_000L, Cast("2024-02-29", DataType.Utf8, DataType.Timestamp));
        Assert.Equal(19782L * 86_400_000_000L + 3_723_456_789L, Cast("2024-02-29 01:02:03.456789", DataType.Utf8, DataType.Timestamp));
        Assert.Equal(19782L * 86_400_000_000L + 3_723_500_000L, Cast("2024-02-29 01:02:03.5", DataType.Utf8, DataType.Timestamp));
        Assert.Equal(19782L * 86_400_000_000L + 3_720_000_000L, Cast("2024-02-29T01:02", DataType.Utf8, DataType.Timestamp));
        Assert.Equal(19782L * 86_400_000_000L, Cast(19782, DataType.Date32, DataType.Timestamp));
        Assert.Equal(-1, Cast(-1L, DataType.Timestamp, DataType.Date32));
        Assert.Equal(19782, Cast(19782L * 86_400_000_000L + 5, DataType.Timestamp, DataType.Date32));
        Assert.Equal("2024-02-29 01:02:03.456789", Cast(19782L * 86_400_000_000L + 3_723_456_789L, DataType.Timestamp, DataType.Utf8));
        Assert.Throws<ExecutionException>(() => Cast("2024-02-29 25:00:00", DataType.Utf8, DataType.Timestamp));
    }

    [Fact]
    public void BooleansAndIntegers()
    {
        Assert.Equal(1L, Cast(true, DataType.Boolean, DataType.Int64));
        Assert.Equal(0, Cast(false, DataType.Boolean, DataType.Int32));
        Assert.Equal(true, Cast(5L, DataType.Int64, DataType.Boolean));
        Assert.Equal(false, Cast(0, DataType.Int32, DataType.Boolean));
        Assert.Equal(true, Cast("TRUE", DataType.Utf8, DataType.Boolean));
        Assert.Equal(false, Cast("f", DataType.Utf8, DataType.Boolean));
        Assert.Equal(1.0, Cast(true, DataType.Boolean, DataType.Float64));
    }

    [Fact]
    public void NullTypeCastsToAnything()
    {
        Assert.Null(Cast(null, DataType.Null, DataType.Int64));
        Assert.Null(Cast(null, DataType.Null, new DecimalType(10, 2)));
    }

    [Fact]
    public void UnsupportedCastIsReportedAtCompileTime()
    {
        Assert.Throws<NotSupportedQueryException>(() => Cast(1, DataType.Date32, DataType.Int64));
    }
}
