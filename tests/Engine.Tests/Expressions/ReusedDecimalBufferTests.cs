using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Expressions.Evaluation;
using Xunit;
using static QueryEngine.Engine.Tests.Execution.TestData;

namespace QueryEngine.Engine.Tests.Expressions;

/// <summary>
/// Decimal arithmetic compiled for an aggregate's argument (<see cref="ExpressionCompiler.CompileReusingBuffers"/>):
/// every batch is written into the node's one buffer, and the values are the same as a fresh evaluation's.
/// </summary>
public sealed class ReusedDecimalBufferTests
{
    private static readonly DecimalType Price = new(15, 2);

    private static readonly Schema S = Schema(("p", Price), ("d", Price), ("t", Price));

    private static BinaryExpr Arithmetic(BinaryOp op, PhysicalExpr left, PhysicalExpr right) =>
        new(op, left, right, TypeRules.Arithmetic(op, left.Type, right.Type)!);

    /// <summary>TPC-H Q1's charge, p * (1 - d) * (1 + t): decimal(38,6), its last multiplication checked.</summary>
    private static BinaryExpr Charge() => Arithmetic(BinaryOp.Multiply,
        Arithmetic(BinaryOp.Multiply, Col(S, 0), Arithmetic(BinaryOp.Subtract, Lit(1, DataType.Int32), Col(S, 1))),
        Arithmetic(BinaryOp.Add, Lit(1, DataType.Int32), Col(S, 2)));

    private static object?[] Values(ArrowArray array)
    {
        var result = new object?[array.Length];
        for (var i = 0; i < result.Length; i++) result[i] = array.GetValue(i);
        return result;
    }

    [Fact]
    public void BatchesReuseOneBufferAndMatchFreshEvaluation()
    {
        var expr = Charge();
        Assert.Equal(new DecimalType(38, 6), expr.Type);
        var reusing = ExpressionCompiler.CompileReusingBuffers(expr, S);
        var fresh = ExpressionCompiler.Compile(expr, S);
        var large = Batch(S,
            [Dec("1000.00", 2), Dec("0.05", 2), Dec("0.08", 2)],
            [Dec("-12.34", 2), Dec("0.10", 2), Dec("0.00", 2)],
            [null, Dec("0.01", 2), Dec("0.02", 2)],
            [Dec("7.00", 2), Dec("0.04", 2), null]);
        var small = Batch(S, [Dec("2.50", 2), Dec("0.50", 2), Dec("1.00", 2)], [null, null, null]);

        var first = (PrimitiveArray<Int128>)reusing.EvaluateFlat(large);
        Assert.Equal([Dec("1026.000000", 6), Dec("-11.106000", 6), null, null], Values(first));
        Assert.Equal(Values(fresh.EvaluateFlat(large)), Values(first));

        // A smaller batch afterwards: same buffer, its own length and nulls.
        var second = (PrimitiveArray<Int128>)reusing.EvaluateFlat(small);
        Assert.Same(first.Buffer, second.Buffer);
        Assert.Equal(2, second.Length);
        Assert.Equal([Dec("2.500000", 6), null], Values(second));
        Assert.Equal(Values(fresh.EvaluateFlat(small)), Values(second));

        // A plain compile allocates per batch: its results stay valid.
        var freshFirst = (PrimitiveArray<Int128>)fresh.EvaluateFlat(large);
        var freshSecond = (PrimitiveArray<Int128>)fresh.EvaluateFlat(large);
        Assert.NotSame(freshFirst.Buffer, freshSecond.Buffer);
    }

    [Fact]
    public void OverflowIsStillAnErrorInReusedBuffers()
    {
        var wide = new DecimalType(38, 0);
        var s = Schema(("a", wide), ("b", wide));
        var sum = Arithmetic(BinaryOp.Add, Col(s, 0), Col(s, 1));
        var reusing = ExpressionCompiler.CompileReusingBuffers(sum, s);
        var max = Dec("99999999999999999999999999999999999999", 0);
        Assert.Equal([max], Values(reusing.EvaluateFlat(Batch(s, [max - 1, Dec("1", 0)]))));
        var e = Assert.Throws<ExecutionException>(() => reusing.EvaluateFlat(Batch(s, [Dec("1", 0), Dec("2", 0)], [max, Dec("1", 0)])));
        Assert.Equal(ErrorCode.NumericOverflow, e.Code);
        // A null beside an overflowing value is skipped by the checked kernel, whatever the buffer held before.
        Assert.Equal([Dec("3", 0), null], Values(reusing.EvaluateFlat(Batch(s, [Dec("1", 0), Dec("2", 0)], [max, null]))));
    }

    [Fact]
    public void ConstantSubtreesAreFoldedNotBuffered()
    {
        // (1 + 2) * p: the constant side folds to a literal whose value must survive later batches.
        var three = Arithmetic(BinaryOp.Add, Lit(new Int128(0, 1), new DecimalType(1, 0)), Lit(new Int128(0, 2), new DecimalType(1, 0)));
        var expr = Arithmetic(BinaryOp.Multiply, three, Col(S, 0));
        var reusing = ExpressionCompiler.CompileReusingBuffers(expr, S);
        Assert.Equal([Dec("3.00", 2)], Values(reusing.EvaluateFlat(Batch(S, [Dec("1.00", 2), null, null]))));
        Assert.Equal([Dec("6.00", 2)], Values(reusing.EvaluateFlat(Batch(S, [Dec("2.00", 2), null, null]))));
    }
}
