using Xunit;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Optimizer.Rules;
using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Planning.Logical;
using static QueryEngine.Engine.Tests.Planning.EstimatorTestPlans;

namespace QueryEngine.Engine.Tests.Planning;

/// <summary>
/// ShareCteResults: references of one WITH query whose optimized copies are the same plan get one spool id; copies
/// that differ, and references without a twin, are inlined.
/// </summary>
public sealed class ShareCteResultsTests
{
    private readonly EstimatorTestPlans _plans = new();
    private int _nextOutputId = 1000;

    /// <summary>A fresh copy of <c>SELECT k, count(*) FROM t [WHERE k = filter] GROUP BY k</c> wrapped as a reference of WITH query 0.</summary>
    private CteReferenceNode Reference(long? filter = null)
    {
        var scan = _plans.Scan("t", 1000, "k", "v");
        LogicalPlan input = filter is { } value ? new FilterNode(scan, Equal(Column(scan, "k"), Literal(value))) : scan;
        var key = new ColumnRef(_nextOutputId++, "k", Columnar.DataType.Int64);
        var count = new ColumnRef(_nextOutputId++, "count", Columnar.DataType.Int64);
        var aggregate = new AggregateNode(
            input,
            [new Assignment(key, Column(scan, "k"))],
            [new AggregateAssignment(count, new AggregateCall(AggregateFunction.CountStar, [], false, null, Columnar.DataType.Int64))]);
        return new CteReferenceNode(0, "w", aggregate);
    }

    private static JoinNode Join(LogicalPlan left, LogicalPlan right) =>
        new(left, right, JoinType.Inner, Equal(left.Output[0].ToExpr(), right.Output[0].ToExpr()));

    [Fact]
    public void EqualCopiesShareOneSpool()
    {
        var plan = Join(Reference(), Reference());
        var shared = Assert.IsType<JoinNode>(new ShareCteResults().Rewrite(plan));
        var left = Assert.IsType<CteReferenceNode>(shared.Left);
        var right = Assert.IsType<CteReferenceNode>(shared.Right);
        Assert.NotNull(left.SpoolId);
        Assert.Equal(left.SpoolId, right.SpoolId);
        Assert.Equal(2, left.Uses);
        Assert.Equal(2, right.Uses);
        Assert.Equal(plan.Output.Select(c => c.Id), shared.Output.Select(c => c.Id));
        Assert.Contains("Shared w (2 uses): computed once", PlanPrinter.Print(shared), StringComparison.Ordinal);
    }

    [Fact]
    public void CopiesThatDifferAreInlined()
    {
        var plan = Join(Reference(filter: 1), Reference(filter: 2));
        var inlined = Assert.IsType<JoinNode>(new ShareCteResults().Rewrite(plan));
        Assert.IsType<AggregateNode>(inlined.Left);
        Assert.IsType<AggregateNode>(inlined.Right);
    }

    [Fact]
    public void TwoOfThreeEqualCopiesShareAndTheThirdIsInlined()
    {
        var plan = Join(Join(Reference(filter: 1), Reference(filter: 1)), Reference(filter: 2));
        var rewritten = Assert.IsType<JoinNode>(new ShareCteResults().Rewrite(plan));
        var pair = Assert.IsType<JoinNode>(rewritten.Left);
        Assert.Equal(2, Assert.IsType<CteReferenceNode>(pair.Left).Uses);
        Assert.Equal(2, Assert.IsType<CteReferenceNode>(pair.Right).Uses);
        Assert.IsType<AggregateNode>(rewritten.Right);
    }
}
