using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution;
using QueryEngine.Engine.Execution.Memory;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using Xunit;
using static QueryEngine.Engine.Tests.Execution.TestData;
using ExecutionContext = QueryEngine.Engine.Execution.ExecutionContext;

namespace QueryEngine.Engine.Tests.Execution;

/// <summary>SharedSpoolExec: references of one shared WITH query result compute it once and all read it.</summary>
public sealed class SharedSpoolTests
{
    private static readonly Schema S = Schema(("id", DataType.Int64), ("name", DataType.Utf8));

    private static object?[][] Rows(int n) => [.. Enumerable.Range(0, n).Select(i => new object?[] { (long)i, "n" + i })];

    /// <summary>A scan of 100 rows in batches of 10 (800 bytes of ids read per full scan), optionally filtered.</summary>
    private static ScanExec Source(PhysicalExpr? filter = null) => Scan(Batches(S, 10, Rows(100)), S, tasks: 3, filters: filter is null ? null : [filter]);

    private static SharedSpoolExec Use(PhysicalPlan input, int uses) => new(input, SpoolId: 0, "t", uses, input.Schema);

    private static (List<object?[]> Rows, ExecutionContext Context) Execute(PhysicalPlan plan, MemorySettings? memory = null, int parallelism = 1)
    {
        var context = new ExecutionContext(CancellationToken.None, parallelism) { Memory = new QueryMemoryPool(memory ?? MemorySettings.Unlimited) };
        var rows = new List<object?[]>();
        foreach (var batch in QueryExecutor.Execute(plan, context)) rows.AddRange(ToRows(batch));
        return (rows, context);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void TwoUsesReadOneComputation(int parallelism)
    {
        var input = Source();
        var plan = new UnionAllExec([Use(input, 2), Use(input, 2)], S);
        var (rows, context) = Execute(plan, parallelism: parallelism);
        var once = Enumerable.Range(0, 100).Select(i => $"{i}|n{i}").ToList();
        Assert.Equal(once.Concat(once).Order(StringComparer.Ordinal), Sorted(rows));
        Assert.Equal(Execute(input).Context.Scan.BytesRead, context.Scan.BytesRead);
        Assert.Equal(0, context.Memory.Reserved);
        Assert.True(context.Memory.Peak > 0);
    }

    [Fact]
    public void AUseThatStopsEarlyLeavesTheRowsToTheOthers()
    {
        var input = Source();
        var plan = new UnionAllExec([new LimitExec(Use(input, 2), 0, 3), Use(input, 2)], S);
        var (rows, context) = Execute(plan);
        Assert.Equal(103, rows.Count);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), rows.Skip(3).Select(r => (long)r[0]!).Order());
        Assert.Equal(Execute(input).Context.Scan.BytesRead, context.Scan.BytesRead);
        Assert.Equal(0, context.Memory.Reserved);
    }

    [Fact]
    public void AnEmptyResultIsSharedToo()
    {
        var input = Source(new BinaryExpr(BinaryOp.Less, Col(S, 0), Lit(0), DataType.Boolean));
        var plan = new UnionAllExec([Use(input, 2), Use(input, 2)], S);
        var (rows, context) = Execute(plan);
        Assert.Empty(rows);
        Assert.Equal(Execute(input).Context.Scan.BytesRead, context.Scan.BytesRead);
        Assert.Equal(0, context.Memory.Peak);
    }

    [Fact]
    public void AReaderAfterAllUsesFinishedComputesTheRowsAgain()
    {
        // As in a WITH RECURSIVE step, which runs once per round: the third read comes after the two uses released the rows.
        var input = Source();
        var plan = new UnionAllExec([Use(input, 2), Use(input, 2), Use(input, 2)], S);
        var (rows, context) = Execute(plan);
        Assert.Equal(300, rows.Count);
        Assert.Equal(2 * Execute(input).Context.Scan.BytesRead, context.Scan.BytesRead);
    }

    [Fact]
    public void RowsOverTheMemoryLimitFailNamingTheWithQuery()
    {
        var input = Source();
        var plan = new UnionAllExec([Use(input, 2), Use(input, 2)], S);
        var e = Assert.Throws<MemoryLimitExceededException>(() => Execute(plan, new MemorySettings(1024, SpillEnabled: true, Path.GetTempPath())));
        Assert.Equal("shared WITH query t", e.Owner);
        Assert.Contains("Query exceeded memory limit of 1KB in shared WITH query t", e.Message, StringComparison.Ordinal);
    }
}
