using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using Xunit;
using static QueryEngine.Engine.Tests.Expressions.ExprTestHelpers;
using static QueryEngine.Engine.Tests.Execution.TestData;

namespace QueryEngine.Engine.Tests.Expressions;

public sealed class DecimalArithmeticTests
{
    private static LiteralExpr D(string text, int p, int s) => Lit(Dec(text, s), new DecimalType(p, s));

    private static string Calc(BinaryOp op, LiteralExpr a, LiteralExpr b)
    {
        var type = TypeRules.Arithmetic(op, a.Type, b.Type)!;
        return Text(new BinaryExpr(op, a, b, type));
    }

    [Fact]
    public void AddAndSubtractRescaleToTheResultScale()
    {
        Assert.Equal("3.75", Calc(BinaryOp.Add, D("1.5", 2, 1), D("2.25", 3, 2)));
        Assert.Equal("-0.75", Calc(BinaryOp.Subtract, D("1.5", 2, 1), D("2.25", 3, 2)));
        Assert.Equal("100.001", Calc(BinaryOp.Add, D("99.999", 5, 3), D("0.002", 4, 3)));
    }

    [Fact]
    public void MultiplyHasScaleS1PlusS2()
    {
        Assert.Equal("3.375", Calc(BinaryOp.Multiply, D("1.5", 2, 1), D("2.25", 3, 2)));
        Assert.Equal("-0.0001", Calc(BinaryOp.Multiply, D("-0.01", 3, 2), D("0.01", 3, 2)));
    }

    [Fact]
    public void DivideRoundsHalfUp()
    {
        // decimal(2,1) / decimal(2,1) -> decimal(?,1): 1.0 / 3.0 = 0.3; 2.0 / 3.0 = 0.7 (0.666..)
        Assert.Equal("0.3", Calc(BinaryOp.Divide, D("1.0", 2, 1), D("3.0", 2, 1)));
        Assert.Equal("0.7", Calc(BinaryOp.Divide, D("2.0", 2, 1), D("3.0", 2, 1)));
        Assert.Equal("-0.7", Calc(BinaryOp.Divide, D("-2.0", 2, 1), D("3.0", 2, 1)));
        // exact half rounds away from zero: 0.05 / 1 at scale 1
        Assert.Equal("0.1", Calc(BinaryOp.Divide, D("0.1", 2, 1), D("2.0", 2, 1)));
        Assert.Equal("-0.1", Calc(BinaryOp.Divide, D("-0.1", 2, 1), D("2.0", 2, 1)));
        // scale max(s1, s2): 1 / 0.30 = 3.33
        Assert.Equal("3.33", Calc(BinaryOp.Divide, D("1", 1, 0), D("0.30", 3, 2)));
        var e = Assert.Throws<ExecutionException>(() => Calc(BinaryOp.Divide, D("1", 1, 0), D("0.00", 3, 2)));
        Assert.Equal(ErrorCode.DivisionByZero, e.Code);
    }

    [Fact]
    public void ModuloKeepsTheDividendSign()
    {
        Assert.Equal("1.5", Calc(BinaryOp.Modulo, D("7.5", 2, 1), D("3", 1, 0)));
        Assert.Equal("-1.5", Calc(BinaryOp.Modulo, D("-7.5", 2, 1), D("3", 1, 0)));
    }

    [Fact]
    public void OverflowBeyondPrecision38IsAnError()
    {
        var big = D("99999999999999999999999999999999999999", 38, 0);
        var e = Assert.Throws<ExecutionException>(() => Calc(BinaryOp.Add, big, D("1", 1, 0)));
        Assert.Equal(ErrorCode.NumericOverflow, e.Code);
        Assert.Throws<ExecutionException>(() => Calc(BinaryOp.Multiply, big, D("10", 2, 0)));
    }

    [Fact]
    public void WideDivisionFallsBackToBigIntegers()
    {
        // 10^31 at scale 6 is 10^37 unscaled; dividing at scale 6 needs 10^43, beyond 128 bits.
        var a = D("10000000000000000000000000000000.000000", 38, 6);
        var type = new DecimalType(38, 6);
        Assert.Equal("3333333333333333333333333333333.333333", Text(new BinaryExpr(BinaryOp.Divide, a, D("3.000000", 7, 6), type)));
    }

    [Fact]
    public void IntegerOperandIsCastToDecimal()
    {
        var batch = Column(DataType.Int64, 3L, null);
        var type = TypeRules.Arithmetic(BinaryOp.Multiply, DataType.Int64, new DecimalType(3, 2))!;
        var e = new BinaryExpr(BinaryOp.Multiply, X(DataType.Int64), D("1.25", 3, 2), type);
        Assert.Equal([Dec("3.75", 2), null], Eval(e, batch));
    }

    [Fact]
    public void DecimalComparisonAndNegation()
    {
        var t = new DecimalType(5, 2);
        var batch = Column(t, Dec("1.00", 2), Dec("-2.50", 2), null);
        Assert.Equal([false, true, null], Eval(new BinaryExpr(BinaryOp.Less, X(t), D("0.00", 5, 2), DataType.Boolean), batch));
        Assert.Equal([Dec("-1.00", 2), Dec("2.50", 2), null], Eval(new NegateExpr(X(t)), batch));
    }
}
