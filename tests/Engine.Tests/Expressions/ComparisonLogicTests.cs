using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions;
using Xunit;
using static QueryEngine.Engine.Tests.Expressions.ExprTestHelpers;
using static QueryEngine.Engine.Tests.Execution.TestData;

namespace QueryEngine.Engine.Tests.Expressions;

public sealed class ComparisonLogicTests
{
    private static BinaryExpr Cmp(BinaryOp op, PhysicalExpr l, PhysicalExpr r) => new(op, l, r, DataType.Boolean);

    [Theory]
    [InlineData(BinaryOp.Equal, new[] { false, true, false })]
    [InlineData(BinaryOp.NotEqual, new[] { true, false, true })]
    [InlineData(BinaryOp.Less, new[] { true, false, false })]
    [InlineData(BinaryOp.LessOrEqual, new[] { true, true, false })]
    [InlineData(BinaryOp.Greater, new[] { false, false, true })]
    [InlineData(BinaryOp.GreaterOrEqual, new[] { false, true, true })]
    public void ComparesEveryTypeWithNulls(BinaryOp op, bool[] expected)
    {
        void Check(DataType type, object lo, object mid, object hi)
        {
            var batch = Column(type, lo, mid, hi, null);
            var result = Eval(Cmp(op, X(type), Lit(mid, type)), batch);
            Assert.Equal([expected[0], expected[1], expected[2], null], result);
            var flipped = Eval(Cmp(op, Lit(mid, type), X(type)), batch);
            Assert.Equal([expected[2], expected[1], expected[0], null], flipped);
        }

        Check(DataType.Int8, (sbyte)-1, (sbyte)0, (sbyte)1);
        Check(DataType.Int16, (short)-1, (short)0, (short)1);
        Check(DataType.Int32, -1, 0, 1);
        Check(DataType.Int64, -1L, 0L, 1L);
        Check(DataType.Float32, -1f, 0f, 1f);
        Check(DataType.Float64, -1.5, 0.0, 1.5);
        Check(new DecimalType(10, 2), (Int128)(-100), (Int128)0, (Int128)100);
        Check(DataType.Utf8, "abc", "abd", "b");
        Check(DataType.Utf8, "z", "é", "日本");
        Check(DataType.Binary, new byte[] { 1 }, new byte[] { 1, 0 }, new byte[] { 0xFF });
        Check(DataType.Date32, 10, 11, 12);
        Check(DataType.Timestamp, 10L, 11L, 12L);
    }

    [Fact]
    public void BooleanComparisonOrdersFalseBeforeTrue()
    {
        var batch = Column(DataType.Boolean, false, true, null);
        Assert.Equal([true, false, null], Eval(Cmp(BinaryOp.Less, X(DataType.Boolean), Lit(true)), batch));
    }

    [Fact]
    public void NaNIsNotEqualToItselfButNotDistinct()
    {
        var batch = Column(DataType.Float64, double.NaN, 1.0, null);
        var nan = Lit(double.NaN, DataType.Float64);
        Assert.Equal([false, false, null], Eval(Cmp(BinaryOp.Equal, X(DataType.Float64), nan), batch));
        Assert.Equal([true, true, null], Eval(Cmp(BinaryOp.NotEqual, X(DataType.Float64), nan), batch));
        Assert.Equal([false, true, true], Eval(Cmp(BinaryOp.Distinct, X(DataType.Float64), nan), batch));
        Assert.Equal([true, false, false], Eval(Cmp(BinaryOp.NotDistinct, X(DataType.Float64), nan), batch));
    }

    [Fact]
    public void IsDistinctFromTreatsNullsAsEqual()
    {
        var s = Schema(("a", DataType.Int64), ("b", DataType.Int64));
        var batch = Batch(s, [1L, 1L], [1L, 2L], [null, 1L], [1L, null], [null, null]);
        Assert.Equal([false, true, true, true, false], Eval(Cmp(BinaryOp.Distinct, Col(s, 0), Col(s, 1)), batch));
        Assert.Equal([true, false, false, false, true], Eval(Cmp(BinaryOp.NotDistinct, Col(s, 0), Col(s, 1)), batch));
        Assert.Equal(true, Eval(Cmp(BinaryOp.NotDistinct, Lit(null, DataType.Utf8), Lit(null, DataType.Utf8))));
    }

    [Fact]
    public void ComparisonOfMixedTypesCoercesToTheCommonType()
    {
        var batch = Column(DataType.Int32, 1, 5);
        Assert.Equal([true, false], Eval(Cmp(BinaryOp.Less, X(DataType.Int32), Lit(2.5, DataType.Float64)), batch));
    }

    [Fact]
    public void ThreeValuedLogic()
    {
        var s = Schema(("a", DataType.Boolean), ("b", DataType.Boolean));
        object?[] values = [true, false, null];
        var rows = (from a in values from b in values select new[] { a, b }).ToArray();
        var batch = Batch(s, rows);
        var and = Eval(new BinaryExpr(BinaryOp.And, Col(s, 0), Col(s, 1), DataType.Boolean), batch);
        var or = Eval(new BinaryExpr(BinaryOp.Or, Col(s, 0), Col(s, 1), DataType.Boolean), batch);
        // rows: TT TF TN FT FF FN NT NF NN
        Assert.Equal([true, false, null, false, false, false, null, false, null], and);
        Assert.Equal([true, true, true, true, false, null, true, null, null], or);
        Assert.Equal([false, true, null], Eval(new NotExpr(X(DataType.Boolean)), Column(DataType.Boolean, true, false, null)));
        Assert.Equal([false, true], Eval(new IsNullExpr(X(DataType.Int64), false), Column(DataType.Int64, 1L, null)));
        Assert.Equal([true, false], Eval(new IsNullExpr(X(DataType.Int64), true), Column(DataType.Int64, 1L, null)));
    }

    [Fact]
    public void AndDoesNotEvaluateTheRightSideWhereTheLeftIsFalse()
    {
        // x <> 0 AND 10 / x > 1 must not divide by zero.
        var batch = Column(DataType.Int64, 0L, 5L, 20L, null);
        var x = X(DataType.Int64);
        var guard = Cmp(BinaryOp.NotEqual, x, Lit(0));
        var div = Cmp(BinaryOp.Greater, new BinaryExpr(BinaryOp.Divide, Lit(10), x, DataType.Int64), Lit(1));
        Assert.Equal([false, true, false, null], Eval(new BinaryExpr(BinaryOp.And, guard, div, DataType.Boolean), batch));
        var eqZero = Cmp(BinaryOp.Equal, x, Lit(0));
        Assert.Equal([true, true, false, null], Eval(new BinaryExpr(BinaryOp.Or, eqZero, div, DataType.Boolean), batch));
    }

    [Fact]
    public void ConcatenatesStrings()
    {
        var batch = Column(DataType.Utf8, "a", null, "日本");
        Assert.Equal(["a!", null, "日本!"], Eval(new BinaryExpr(BinaryOp.Concat, X(DataType.Utf8), Lit("!"), DataType.Utf8), batch));
        Assert.Equal("xy", Eval(new BinaryExpr(BinaryOp.Concat, Lit("x"), Lit("y"), DataType.Utf8)));
    }

    [Fact]
    public void InListWithNullSemantics()
    {
        var batch = Column(DataType.Int64, 1L, 2L, null, 4L);
        var x = X(DataType.Int64);
        Assert.Equal([true, false, null, false], Eval(new InListExpr(x, [Lit(1), Lit(3), Lit(4 + 0 * 1)], false), Column(DataType.Int64, 1L, 2L, null, 5L)));
        Assert.Equal([true, null, null, null], Eval(new InListExpr(x, [Lit(1), Lit(null, DataType.Int64)], false), batch));
        Assert.Equal([false, null, null, null], Eval(new InListExpr(x, [Lit(1), Lit(null, DataType.Int64)], true), batch));
        Assert.Equal([false, true, null, true], Eval(new InListExpr(x, [Lit(1), Lit(3)], true), batch));
        // long list -> hash set
        var many = Enumerable.Range(100, 50).Select(i => (PhysicalExpr)Lit((long)i)).Append(Lit(4)).ToList();
        Assert.Equal([false, false, null, true], Eval(new InListExpr(x, many, false), batch));
        // strings and non-constant items
        var s = Column(DataType.Utf8, "a", "b", "é");
        var strings = Enumerable.Range(0, 20).Select(i => (PhysicalExpr)Lit("k" + i)).Append(Lit("é")).ToList();
        Assert.Equal([false, false, true], Eval(new InListExpr(X(DataType.Utf8), strings, false), s));
        Assert.Equal([true, true, false], Eval(new InListExpr(X(DataType.Utf8), [X(DataType.Utf8), Lit("zz")], false), Column(DataType.Utf8, "a", "b", null)).Select(v => v ?? false).ToArray());
        // doubles: NaN never matches, -0.0 matches 0.0
        var d = Column(DataType.Float64, double.NaN, -0.0);
        Assert.Equal([false, true], Eval(new InListExpr(X(DataType.Float64), [Lit(double.NaN, DataType.Float64), Lit(0.0, DataType.Float64)], false), d));
    }
}
