using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using Xunit;
using static QueryEngine.Engine.Tests.Execution.TestData;
using ExecutionContext = QueryEngine.Engine.Execution.ExecutionContext;

namespace QueryEngine.Engine.Tests.Execution;

public sealed class BasicOperatorTests
{
    private static readonly Schema S = Schema(("id", DataType.Int64), ("name", DataType.Utf8));

    private static object?[][] Rows(int n) => [.. Enumerable.Range(0, n).Select(i => new object?[] { (long)i, i % 3 == 0 ? null : "n" + i })];

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void ScanAppliesFiltersAndReturnsEveryRow(int parallelism)
    {
        var batches = Batches(S, 7, Rows(100));
        var filter = new BinaryExpr(BinaryOp.Less, Col(S, 0), Lit(50), DataType.Boolean);
        var plan = Scan(batches, S, tasks: 5, filters: [filter]);
        var rows = Run(plan, batchSize: 7, parallelism: parallelism);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), rows.Select(r => (long)r[0]!).Order());
    }

    [Fact]
    public void ScanCountsBytesAndHonoursCancellation()
    {
        var plan = Scan(Batches(S, 10, Rows(100)), S, tasks: 3);
        var context = new ExecutionContext(CancellationToken.None, 1);
        var n = QueryExecutor.Execute(plan, context).Sum(b => b.RowCount);
        Assert.Equal(100, n);
        Assert.Equal(800, context.Scan.BytesRead);

        using var cts = new CancellationTokenSource();
        var cancelled = new ExecutionContext(cts.Token, 2);
        var stream = QueryExecutor.Execute(plan, cancelled).GetEnumerator();
        Assert.True(stream.MoveNext());
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            while (stream.MoveNext())
            {
            }
        });
        stream.Dispose();
    }

    [Fact]
    public void ParallelScanPropagatesErrors()
    {
        // The filter divides by zero on the row id 42.
        var filter = new BinaryExpr(BinaryOp.Greater, new BinaryExpr(BinaryOp.Divide, Lit(1), new BinaryExpr(BinaryOp.Subtract, Col(S, 0), Lit(42), DataType.Int64), DataType.Int64), Lit(-5), DataType.Boolean);
        var plan = Scan(Batches(S, 10, Rows(100)), S, tasks: 4, filters: [filter]);
        var e = Assert.Throws<ExecutionException>(() => Run(plan, parallelism: 3));
        Assert.Equal(ErrorCode.DivisionByZero, e.Code);
    }

    [Fact]
    public void FilterPassesWholeBatchesWithoutCopyAndSkipsEmptyOnes()
    {
        var batches = Batches(S, 10, Rows(30));
        var all = new FilterExec(Scan(batches, S), Lit(true));
        var context = new ExecutionContext(CancellationToken.None, 1);
        var output = QueryExecutor.Execute(all, context).ToList();
        Assert.Equal(3, output.Count);
        Assert.Same(batches[0].Columns[0], output[0].Columns[0]);
        var some = new FilterExec(Scan(batches, S), new BinaryExpr(BinaryOp.GreaterOrEqual, Col(S, 0), Lit(25), DataType.Boolean));
        var result = QueryExecutor.Execute(some, context).ToList();
        Assert.Single(result);
        Assert.Equal(5, result[0].RowCount);
        var nulls = new FilterExec(Scan(batches, S), new IsNullExpr(Col(S, 1), false));
        Assert.Equal(10, Run(nulls).Count);
    }

    [Fact]
    public void ProjectComputesExpressions()
    {
        var out1 = Schema(("twice", DataType.Int64), ("label", DataType.Utf8));
        var plan = new ProjectExec(
            Scan(Batches(S, 2, Rows(4)), S),
            [new BinaryExpr(BinaryOp.Multiply, Col(S, 0), Lit(2), DataType.Int64), new BinaryExpr(BinaryOp.Concat, Col(S, 1), Lit("!"), DataType.Utf8)],
            out1);
        Assert.Equal(["0|NULL", "2|n1!", "4|n2!", "6|NULL"], Rendered(Run(plan)));
        var constant = new ProjectExec(Scan(Batches(S, 2, Rows(3)), S), [Lit(7)], Schema(("c", DataType.Int64)));
        Assert.Equal(["7", "7", "7"], Rendered(Run(constant)));
        var none = new ProjectExec(Scan(Batches(S, 2, Rows(3)), S), [], Columnar.Schema.Empty);
        var context = new ExecutionContext(CancellationToken.None, 1);
        Assert.Equal(3, QueryExecutor.Execute(none, context).Sum(b => b.RowCount));
    }

    [Fact]
    public void ValuesAreBatched()
    {
        var s = Schema(("a", DataType.Int64), ("b", DataType.Utf8));
        var plan = Values(s, [1L, "x"], [null, "y"], [3L, null], [4L, "z"]);
        Assert.Equal(["1|x", "NULL|y", "3|NULL", "4|z"], Rendered(Run(plan, batchSize: 3)));
        var coerced = new ValuesExec([[new BinaryExpr(BinaryOp.Add, Lit(1), Lit(2), DataType.Int64), Lit(null, DataType.Null)]], s);
        Assert.Equal(["3|NULL"], Rendered(Run(coerced)));
    }

    [Fact]
    public void LimitAndOffsetAcrossBatches()
    {
        var scan = Scan(Batches(S, 3, Rows(10)), S);
        Assert.Equal([4L, 5L, 6L, 7L], Run(new LimitExec(scan, 4, 4), batchSize: 3).Select(r => (long)r[0]!));
        Assert.Equal([8L, 9L], Run(new LimitExec(scan, 8, null)).Select(r => (long)r[0]!));
        Assert.Empty(Run(new LimitExec(scan, 0, 0)));
        Assert.Empty(Run(new LimitExec(scan, 20, 5)));
    }

    [Fact]
    public void LimitStopsPullingItsInput()
    {
        var source = new CountingSource(S, Batches(S, 2, Rows(100)));
        var scan = new ScanExec("t", source, [0, 1], [], [], S);
        Assert.Equal(3, Run(new LimitExec(scan, 0, 3), batchSize: 2).Count);
        Assert.Equal(2, source.Produced);
    }

    [Fact]
    public void UnionAllConcatenatesAndRenames()
    {
        var other = Schema(("x", DataType.Int64), ("y", DataType.Utf8));
        var plan = new UnionAllExec([Scan(Batches(S, 5, Rows(2)), S), Values(other, [9L, "nine"])], S);
        Assert.Equal(["0|NULL", "1|n1", "9|nine"], Rendered(Run(plan)));
    }

    [Fact]
    public void EnforceSingleRow()
    {
        Assert.Equal(["1|n1"], Rendered(Run(new EnforceSingleRowExec(new FilterExec(Scan(Batches(S, 5, Rows(10)), S), new BinaryExpr(BinaryOp.Equal, Col(S, 0), Lit(1), DataType.Boolean))))));
        Assert.Equal(["NULL|NULL"], Rendered(Run(new EnforceSingleRowExec(new LimitExec(Scan(Batches(S, 5, Rows(10)), S), 0, 0)))));
        var e = Assert.Throws<ExecutionException>(() => Run(new EnforceSingleRowExec(Scan(Batches(S, 1, Rows(2)), S))));
        Assert.Contains("more than one row", e.Message);
    }

    [Fact]
    public void ExpressionEvaluatorFoldsConstants()
    {
        var one = new RecordBatch(Columnar.Schema.Empty, [], 1);
        var value = ExpressionEvaluator.Evaluate(new BinaryExpr(BinaryOp.Add, Lit(40), Lit(2), DataType.Int64), one);
        Assert.Equal(42L, value.GetValue(0));
    }

    private sealed class CountingSource(Schema schema, RecordBatch[] batches) : ITableSource
    {
        public int Produced;

        public RecordBatch[] Data => batches;

        public Schema Schema => schema;

        public long? EstimatedRowCount => null;

        public IReadOnlyList<IScanTask> PlanScan(ScanRequest request) => [new Task(this)];

        private sealed class Task(CountingSource owner) : IScanTask
        {
            public IEnumerable<RecordBatch> Execute(ScanContext context)
            {
                foreach (var b in owner.Data)
                {
                    owner.Produced++;
                    yield return b;
                }
            }
        }
    }
}
