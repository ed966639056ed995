using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using Xunit;
using static QueryEngine.Engine.Tests.Expressions.ExprTestHelpers;
using static QueryEngine.Engine.Tests.Execution.TestData;

namespace QueryEngine.Engine.Tests.Expressions;

public sealed class ArithmeticTests
{
    private static BinaryExpr Bin(BinaryOp op, PhysicalExpr l, PhysicalExpr r, DataType type) => new(op, l, r, type);

    [Fact]
    public void BigintArithmeticOverFlatAndConstantOperandsWithNulls()
    {
        var batch = Column(DataType.Int64, 10L, null, -7L, 0L);
        var x = X(DataType.Int64);
        Assert.Equal([13L, null, -4L, 3L], Eval(Bin(BinaryOp.Add, x, Lit(3), DataType.Int64), batch));
        Assert.Equal([-7L, null, 10L, 3L], Eval(Bin(BinaryOp.Subtract, Lit(3), x, DataType.Int64), batch));
        Assert.Equal([100L, null, 49L, 0L], Eval(Bin(BinaryOp.Multiply, x, x, DataType.Int64), batch));
        Assert.Equal([3L, null, -2L, 0L], Eval(Bin(BinaryOp.Divide, x, Lit(3), DataType.Int64), batch));
        Assert.Equal([1L, null, -1L, 0L], Eval(Bin(BinaryOp.Modulo, x, Lit(3), DataType.Int64), batch));
        Assert.Equal([null, null, null, null], Eval(Bin(BinaryOp.Add, x, Lit(null, DataType.Int64), DataType.Int64), batch));
    }

    [Fact]
    public void IntegerOverflowIsAnError()
    {
        var e = Assert.Throws<ExecutionException>(() => Eval(Bin(BinaryOp.Add, Lit(long.MaxValue), Lit(1), DataType.Int64)));
        Assert.Equal(ErrorCode.NumericOverflow, e.Code);
        Assert.Contains("bigint addition overflow", e.Message);
        Assert.Throws<ExecutionException>(() => Eval(Bin(BinaryOp.Multiply, Lit(long.MaxValue / 2 + 1), Lit(2), DataType.Int64)));
        Assert.Throws<ExecutionException>(() => Eval(Bin(BinaryOp.Subtract, Lit(long.MinValue), Lit(1), DataType.Int64)));
        Assert.Throws<ExecutionException>(() => Eval(Bin(BinaryOp.Divide, Lit(long.MinValue), Lit(-1), DataType.Int64)));
        Assert.Throws<ExecutionException>(() => Eval(new NegateExpr(Lit(long.MinValue))));
        var i = Assert.Throws<ExecutionException>(() => Eval(Bin(BinaryOp.Add, Lit(int.MaxValue, DataType.Int32), Lit(1, DataType.Int32), DataType.Int32)));
        Assert.Contains("integer addition overflow", i.Message);
        Assert.Throws<ExecutionException>(() => Eval(Bin(BinaryOp.Multiply, Lit((sbyte)100, DataType.Int8), Lit((sbyte)2, DataType.Int8), DataType.Int8)));
        Assert.Equal(0L, Eval(Bin(BinaryOp.Modulo, Lit(long.MinValue), Lit(-1), DataType.Int64)));
    }

    [Fact]
    public void DivisionByZeroIsAnErrorButNotOnNullRows()
    {
        var e = Assert.Throws<ExecutionException>(() => Eval(Bin(BinaryOp.Divide, Lit(1), Lit(0), DataType.Int64)));
        Assert.Equal(ErrorCode.DivisionByZero, e.Code);
        Assert.Throws<ExecutionException>(() => Eval(Bin(BinaryOp.Modulo, Lit(1), Lit(0), DataType.Int64)));
        // A null row whose slot happens to hold 0 must not raise.
        var batch = Column(DataType.Int64, 2L, null);
        Assert.Equal([5L, null], Eval(Bin(BinaryOp.Divide, Lit(10), X(DataType.Int64), DataType.Int64), batch));
    }

    [Fact]
    public void DoubleArithmeticIsIeee()
    {
        var batch = Column(DataType.Float64, 1.5, null, 0.0, -2.0, 3.0, 4.0, 5.0, 6.0, 7.0);
        var x = X(DataType.Float64);
        Assert.Equal([3.0, null, 0.0, -4.0, 6.0, 8.0, 10.0, 12.0, 14.0], Eval(Bin(BinaryOp.Add, x, x, DataType.Float64), batch));
        var div = Eval(Bin(BinaryOp.Divide, Lit(1.0, DataType.Float64), x, DataType.Float64), batch);
        Assert.Equal(double.PositiveInfinity, div[2]);
        Assert.True(double.IsNaN((double)Eval(Bin(BinaryOp.Modulo, Lit(5.0, DataType.Float64), Lit(0.0, DataType.Float64), DataType.Float64))!));
        Assert.Equal(1.0, Eval(Bin(BinaryOp.Modulo, Lit(7.0, DataType.Float64), Lit(3.0, DataType.Float64), DataType.Float64)));
    }

    [Fact]
    public void IntegerOperandsAreWidenedToTheResultType()
    {
        var batch = Column(DataType.Int32, 5, 7);
        var e = Bin(BinaryOp.Add, X(DataType.Int32), Lit(10), DataType.Int64);
        Assert.Equal([15L, 17L], Eval(e, batch));
        var d = Bin(BinaryOp.Multiply, X(DataType.Int32), Lit(0.5, DataType.Float64), DataType.Float64);
        Assert.Equal([2.5, 3.5], Eval(d, batch));
    }

    [Fact]
    public void LongBatchesUseVectorPathsAndAgreeWithScalar()
    {
        var values = Enumerable.Range(0, 1000).Select(i => (object?)(i % 7 == 0 ? null : i * 0.25)).ToArray();
        var batch = Column(DataType.Float64, values);
        var result = Eval(Bin(BinaryOp.Multiply, X(DataType.Float64), Lit(4.0, DataType.Float64), DataType.Float64), batch);
        for (var i = 0; i < values.Length; i++) Assert.Equal(values[i] is null ? null : i * 1.0, result[i]);
        var cmp = Eval(Bin(BinaryOp.Less, X(DataType.Float64), Lit(100.0, DataType.Float64), DataType.Boolean), batch);
        for (var i = 0; i < values.Length; i++) Assert.Equal(values[i] is null ? null : i * 0.25 < 100.0, cmp[i]);
    }
}
