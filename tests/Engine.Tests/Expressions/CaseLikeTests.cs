using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using Xunit;
using static QueryEngine.Engine.Tests.Expressions.ExprTestHelpers;
using static QueryEngine.Engine.Tests.Execution.TestData;

namespace QueryEngine.Engine.Tests.Expressions;

public sealed class CaseLikeTests
{
    private static BinaryExpr Cmp(BinaryOp op, PhysicalExpr l, PhysicalExpr r) => new(op, l, r, DataType.Boolean);

    [Fact]
    public void CaseTakesTheFirstTrueBranchAndElse()
    {
        var batch = Column(DataType.Int64, 1L, 5L, 10L, null);
        var x = X(DataType.Int64);
        var e = new CaseExpr(
            [new WhenClause(Cmp(BinaryOp.Less, x, Lit(3)), Lit("small")), new WhenClause(Cmp(BinaryOp.Less, x, Lit(8)), Lit("medium"))],
            Lit("large"),
            DataType.Utf8);
        Assert.Equal(["small", "medium", "large", "large"], Eval(e, batch));
        var noElse = new CaseExpr([new WhenClause(Cmp(BinaryOp.Less, x, Lit(3)), x)], null, DataType.Int64);
        Assert.Equal([1L, null, null, null], Eval(noElse, batch));
    }

    [Fact]
    public void CaseEvaluatesBranchesOnlyOnTheirRows()
    {
        // CASE WHEN x = 0 THEN 0 ELSE 100 / x END never divides by zero.
        var batch = Column(DataType.Int64, 0L, 4L, 0L, 50L, null);
        var x = X(DataType.Int64);
        var e = new CaseExpr(
            [new WhenClause(Cmp(BinaryOp.Equal, x, Lit(0)), Lit(0))],
            new BinaryExpr(BinaryOp.Divide, Lit(100), x, DataType.Int64),
            DataType.Int64);
        Assert.Equal([0L, 25L, 0L, 2L, null], Eval(e, batch));
        // A failing condition is evaluated only on rows no earlier WHEN took.
        var guarded = new CaseExpr(
            [
                new WhenClause(Cmp(BinaryOp.Equal, x, Lit(0)), Lit(-1)),
                new WhenClause(Cmp(BinaryOp.Greater, new BinaryExpr(BinaryOp.Divide, Lit(100), x, DataType.Int64), Lit(10)), Lit(1)),
            ],
            Lit(2),
            DataType.Int64);
        Assert.Equal([-1L, 1L, -1L, 2L, 2L], Eval(guarded, batch));
        // A constant error in a branch no row takes is not raised.
        var never = new CaseExpr([new WhenClause(Lit(false), new BinaryExpr(BinaryOp.Divide, Lit(1), Lit(0), DataType.Int64))], Lit(7), DataType.Int64);
        Assert.Equal([7L, 7L, 7L, 7L, 7L], Eval(never, batch));
        // ...but is raised when a row takes it.
        var always = new CaseExpr([new WhenClause(Lit(true), new BinaryExpr(BinaryOp.Divide, Lit(1), Lit(0), DataType.Int64))], Lit(7), DataType.Int64);
        Assert.Throws<ExecutionException>(() => Eval(always, batch));
    }

    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("abc", "ab", false)]
    [InlineData("abc", "a%", true)]
    [InlineData("abc", "%c", true)]
    [InlineData("abc", "%b%", true)]
    [InlineData("abc", "%d%", false)]
    [InlineData("abc", "a_c", true)]
    [InlineData("abc", "_", false)]
    [InlineData("abc", "___", true)]
    [InlineData("abc", "%", true)]
    [InlineData("", "%", true)]
    [InlineData("", "_", false)]
    [InlineData("aXbXc", "a%b%c", true)]
    [InlineData("abcabc", "%a_c", true)]
    [InlineData("mississippi", "%iss%pi", true)]
    [InlineData("mississippi", "m%s_s%x", false)]
    [InlineData("日本語", "日_語", true)]
    [InlineData("日本語", "__", false)]
    [InlineData("日本語", "___", true)]
    [InlineData("日本語", "%語", true)]
    [InlineData("naïve café", "%ï%é", true)]
    public void LikeMatchesCodePoints(string text, string pattern, bool expected)
    {
        Assert.Equal(expected, Eval(new LikeExpr(Lit(text), Lit(pattern), null, false)));
        Assert.Equal(!expected, Eval(new LikeExpr(Lit(text), Lit(pattern), null, true)));
        // The same through the per-row (non-constant pattern) path.
        var s = Schema(("t", DataType.Utf8), ("p", DataType.Utf8));
        var batch = Batch(s, [text, pattern], [null, pattern], [text, null]);
        Assert.Equal([expected, null, null], Eval(new LikeExpr(Col(s, 0), Col(s, 1), null, false), batch));
    }

    [Theory]
    [InlineData("100%", "100!%", true)]
    [InlineData("1000", "100!%", false)]
    [InlineData("a_b", "a!_b", true)]
    [InlineData("axb", "a!_b", false)]
    [InlineData("a!b", "a!!b", true)]
    [InlineData("50% off", "%!%%", true)]
    public void LikeWithEscape(string text, string pattern, bool expected)
    {
        Assert.Equal(expected, Eval(new LikeExpr(Lit(text), Lit(pattern), Lit("!"), false)));
    }

    [Fact]
    public void LikeEscapeErrors()
    {
        Assert.Throws<ExecutionException>(() => Eval(new LikeExpr(Lit("a"), Lit("a!"), Lit("!"), false)));
        Assert.Throws<ExecutionException>(() => Eval(new LikeExpr(Lit("a"), Lit("!a"), Lit("!"), false)));
        Assert.Throws<ExecutionException>(() => Eval(new LikeExpr(Lit("a"), Lit("a"), Lit("!!"), false)));
    }

    [Fact]
    public void LikeOverColumnsWithNulls()
    {
        var batch = Column(DataType.Utf8, "apple", null, "banana", "grape");
        Assert.Equal([true, null, false, true], Eval(new LikeExpr(X(DataType.Utf8), Lit("%p%e"), null, false), batch));
        Assert.Equal([null, null, null, null], Eval(new LikeExpr(X(DataType.Utf8), Lit(null, DataType.Utf8), null, false), batch));
    }
}
