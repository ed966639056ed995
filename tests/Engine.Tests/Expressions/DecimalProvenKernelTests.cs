using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Expressions.Kernels;
using Xunit;
using static QueryEngine.Engine.Tests.Execution.TestData;
using static QueryEngine.Engine.Tests.Expressions.ExprTestHelpers;

namespace QueryEngine.Engine.Tests.Expressions;

/// <summary>
/// The unchecked decimal kernels chosen when the operand types prove that no result overflows (TPC-H Q1's
/// <c>l_extendedprice * (1 - l_discount)</c>), and the checked kernels still chosen (and still failing) otherwise.
/// </summary>
public sealed class DecimalProvenKernelTests
{
    private static readonly DecimalType Price = new(15, 2);

    private static ColumnExpr A(DataType type) => new(0, type, "a");

    private static ColumnExpr B(DataType type) => new(1, type, "b");

    private static RecordBatch Pairs(DataType left, DataType right, params (object? A, object? B)[] rows) =>
        Batch(Schema(("a", left), ("b", right)), [.. rows.Select(r => new[] { r.A, r.B })]);

    private static BinaryExpr Arithmetic(BinaryOp op, PhysicalExpr left, PhysicalExpr right) =>
        new(op, left, right, TypeRules.Arithmetic(op, left.Type, right.Type)!);

    [Fact]
    public void AdditionIsProvenOnlyWhenTheResultPrecisionHoldsEverySumWithin18Digits()
    {
        // 1 - decimal(15,2): decimal(10,0) and decimal(15,2) -> decimal(16,2); 13 integer digits + 2 + 1 carry = 16.
        Assert.True(DecimalKernelChoice.AddIsProvenNarrow(10, 0, 15, 2, 16, 2));
        // decimal(18,0) + decimal(18,0) -> decimal(19,0): sums need 19 digits, beyond 64 bits.
        Assert.False(DecimalKernelChoice.AddIsProvenNarrow(18, 0, 18, 0, 19, 0));
        // A result precision capped at 38 proves nothing.
        Assert.False(DecimalKernelChoice.AddIsProvenNarrow(38, 0, 1, 0, 38, 0));
        // A result scale below an operand's scale would need rounding.
        Assert.False(DecimalKernelChoice.AddIsProvenNarrow(5, 3, 5, 1, 7, 1));
    }

    [Fact]
    public void MultiplicationIsProvenOnlyForUncappedPrecisionsOf64BitOperands()
    {
        Assert.True(DecimalKernelChoice.MultiplyIsProven(15, 16, 31, 0));
        // decimal(31,4) * decimal(16,2): 47 digits, capped at 38: checked.
        Assert.False(DecimalKernelChoice.MultiplyIsProven(31, 16, 38, 0));
        // An operand wider than 64 bits: checked.
        Assert.False(DecimalKernelChoice.MultiplyIsProven(20, 2, 22, 0));
        // A scale reduced by rounding: checked.
        Assert.False(DecimalKernelChoice.MultiplyIsProven(10, 10, 20, 1));
    }

    [Fact]
    public void ChargeExpressionOverColumnsWithNullsAndNegatives()
    {
        var discount = new DecimalType(15, 2);
        var batch = Pairs(Price, discount,
            (Dec("1000.00", 2), Dec("0.05", 2)),
            (Dec("-12.34", 2), Dec("0.10", 2)),
            (null, Dec("0.01", 2)),
            (Dec("7.00", 2), null),
            (Dec("9999999999999.99", 2), Dec("-9999999999999.99", 2)));
        var oneMinus = Arithmetic(BinaryOp.Subtract, Lit(1, DataType.Int32), B(discount));
        Assert.Equal(new DecimalType(16, 2), oneMinus.Type);
        var discounted = Arithmetic(BinaryOp.Multiply, A(Price), oneMinus);
        Assert.Equal(new DecimalType(31, 4), discounted.Type);
        Assert.Equal(
            [Dec("950.0000", 4), Dec("-11.1060", 4), null, null, Dec("9999999999999.99", 2) * Dec("10000000000000.99", 2)],
            Eval(discounted, batch));
        // (1 + b) for the Q1 charge: decimal(31,4) * decimal(16,2) is capped at 38 digits and stays checked.
        var charge = Arithmetic(BinaryOp.Multiply, discounted, Arithmetic(BinaryOp.Add, Lit(1, DataType.Int32), B(discount)));
        Assert.Equal(new DecimalType(38, 6), charge.Type);
        var ordinary = Pairs(Price, discount, (Dec("1000.00", 2), Dec("0.05", 2)), (Dec("-12.34", 2), Dec("0.10", 2)), (null, Dec("0.01", 2)));
        Assert.Equal([Dec("997.500000", 6), Dec("-12.216600", 6), null], Eval(charge, ordinary));
        // The last row's charge needs 44 digits: a real overflow, still an error.
        Assert.Equal(ErrorCode.NumericOverflow, Assert.Throws<ExecutionException>(() => Eval(charge, batch)).Code);
    }

    [Fact]
    public void SubtractionWithMixedScalesRescalesBothSides()
    {
        var left = new DecimalType(5, 3);
        var right = new DecimalType(7, 1);
        var batch = Pairs(left, right, (Dec("12.345", 3), Dec("-123456.7", 1)), (Dec("-99.999", 3), Dec("999999.9", 1)));
        var difference = Arithmetic(BinaryOp.Subtract, A(left), B(right));
        Assert.Equal(new DecimalType(10, 3), difference.Type);
        Assert.Equal([Dec("123469.045", 3), Dec("-1000099.899", 3)], Eval(difference, batch));
        Assert.Equal([Dec("-123444.355", 3), Dec("999899.901", 3)], Eval(Arithmetic(BinaryOp.Add, A(left), B(right)), batch));
    }

    [Fact]
    public void NarrowProductsStayExact()
    {
        var small = new DecimalType(9, 2);
        var batch = Pairs(small, small, (Dec("9999999.99", 2), Dec("-9999999.99", 2)), (Dec("0.01", 2), Dec("0.01", 2)));
        var product = Arithmetic(BinaryOp.Multiply, A(small), B(small));
        Assert.Equal(new DecimalType(18, 4), product.Type);
        Assert.Equal([Dec("-99999999800000.0001", 4), Dec("0.0001", 4)], Eval(product, batch));
    }

    [Fact]
    public void UnprovenOperationsStillRaiseOverflow()
    {
        var wide = new DecimalType(38, 0);
        var batch = Pairs(wide, wide, (Dec("99999999999999999999999999999999999999", 0), Dec("1", 0)));
        var e = Assert.Throws<ExecutionException>(() => Eval(Arithmetic(BinaryOp.Add, A(wide), B(wide)), batch));
        Assert.Equal(ErrorCode.NumericOverflow, e.Code);
        var twenty = new DecimalType(20, 0);
        var big = Pairs(twenty, twenty, (Dec("99999999999999999999", 0), Dec("99999999999999999999", 0)));
        var product = Arithmetic(BinaryOp.Multiply, A(twenty), B(twenty));
        Assert.Equal(new DecimalType(38, 0), product.Type);
        Assert.Equal(ErrorCode.NumericOverflow, Assert.Throws<ExecutionException>(() => Eval(product, big)).Code);
        // decimal(18,0) + decimal(18,0) is not narrow: the sum needs 19 digits and comes out exact.
        var eighteen = new DecimalType(18, 0);
        var sums = Pairs(eighteen, eighteen, (Dec("999999999999999999", 0), Dec("999999999999999999", 0)));
        Assert.Equal([Dec("1999999999999999998", 0)], Eval(Arithmetic(BinaryOp.Add, A(eighteen), B(eighteen)), sums));
    }
}
