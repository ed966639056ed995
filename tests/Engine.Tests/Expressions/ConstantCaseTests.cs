using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Expressions.Evaluation;
using Xunit;
using static QueryEngine.Engine.Tests.Execution.TestData;
using static QueryEngine.Engine.Tests.Expressions.ExprTestHelpers;

namespace QueryEngine.Engine.Tests.Expressions;

/// <summary>CASE with constant results and infallible conditions (TPC-H Q12's counters) is computed in one pass.</summary>
public sealed class ConstantCaseTests
{
    private static BinaryExpr Cmp(BinaryOp op, PhysicalExpr l, PhysicalExpr r) => new(op, l, r, DataType.Boolean);

    private static BinaryExpr Or(PhysicalExpr l, PhysicalExpr r) => new(BinaryOp.Or, l, r, DataType.Boolean);

    private static readonly RecordBatch Priorities = Column(DataType.Utf8, "1-URGENT", "3-MEDIUM", null, "2-HIGH", "5-LOW");

    [Fact]
    public void Q12CounterCountsUrgentAndHighAsOne()
    {
        var x = X(DataType.Utf8);
        var high = new CaseExpr(
            [new WhenClause(Or(Cmp(BinaryOp.Equal, x, Lit("1-URGENT")), Cmp(BinaryOp.Equal, x, Lit("2-HIGH"))), Lit(1, DataType.Int32))],
            Lit(0, DataType.Int32),
            DataType.Int32);
        Assert.IsType<ConstantCaseEvaluator>(ExpressionCompiler.Compile(high, Priorities.Schema));
        // A null priority makes the condition null, not true: the ELSE value.
        Assert.Equal([1, 0, 0, 1, 0], Eval(high, Priorities));
    }

    [Fact]
    public void FirstTrueConditionWinsAndMissingElseIsNull()
    {
        var x = X(DataType.Utf8);
        var e = new CaseExpr(
            [
                new WhenClause(Cmp(BinaryOp.Less, x, Lit("3")), Lit(10L)),
                new WhenClause(Cmp(BinaryOp.Less, x, Lit("4")), Lit(20L)),
                new WhenClause(Cmp(BinaryOp.Less, x, Lit("9")), Lit(30L)),
            ],
            null,
            DataType.Int64);
        Assert.IsType<ConstantCaseEvaluator>(ExpressionCompiler.Compile(e, Priorities.Schema));
        Assert.Equal([10L, 20L, null, 10L, 30L], Eval(e, Priorities));
    }

    [Fact]
    public void ConstantConditionsAndNullResults()
    {
        var x = X(DataType.Utf8);
        var always = new CaseExpr(
            [new WhenClause(Cmp(BinaryOp.Equal, x, Lit("5-LOW")), Lit(null, DataType.Int64)), new WhenClause(Lit(true), Lit(2L))],
            Lit(3L),
            DataType.Int64);
        Assert.Equal([2L, 2L, 2L, 2L, null], Eval(always, Priorities));
        var never = new CaseExpr([new WhenClause(Lit(false), Lit(1L))], Lit(4L), DataType.Int64);
        Assert.Equal([4L, 4L, 4L, 4L, 4L], Eval(never, Priorities));
    }

    [Fact]
    public void ResultsThatAreNotConstantKeepTheLazyCase()
    {
        var x = X(DataType.Utf8);
        var e = new CaseExpr([new WhenClause(Cmp(BinaryOp.Equal, x, Lit("2-HIGH")), x)], Lit("other"), DataType.Utf8);
        Assert.IsType<CaseEvaluator>(ExpressionCompiler.Compile(e, Priorities.Schema));
        Assert.Equal(["other", "other", "other", "2-HIGH", "other"], Eval(e, Priorities));
    }
}
