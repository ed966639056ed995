using Xunit;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Tests.Planning;

/// <summary>
/// Plan shapes of the TPC-H queries with subqueries at SF 1 table sizes: the inner side of each decorrelated
/// subquery is semi-joined with the keys the outer side's filters keep, below its aggregation.
/// </summary>
public sealed class TpchSubqueryPlanTests
{
    [Theory]
    [InlineData("q02", "partsupp", "part")]
    [InlineData("q04", "lineitem", "orders")]
    [InlineData("q17", "lineitem", "part")]
    [InlineData("q20", "lineitem", "part")]
    public void InnerScanIsReducedByTheFilteredOuterKeys(string query, string inner, string outer)
    {
        var plan = TpchJoinOrderTests.Plan(query);
        var text = PlanPrinter.Print(plan);
        var reductions = new List<JoinNode>();
        Walk(plan, p =>
        {
            if (p is JoinNode { JoinType: JoinType.LeftSemi, Left: ScanNode scan } j && scan.TableName == "tpch." + inner && Scans(j.Right, outer)) reductions.Add(j);
        });
        Assert.True(reductions.Count == 1, $"{query}: expected one semi join of {inner} with {outer} keys:\n{text}");
    }

    [Fact]
    public void Q17AggregatesOnlyTheReducedLineitems()
    {
        var plan = TpchJoinOrderTests.Plan("q17");
        var text = PlanPrinter.Print(plan);
        var aggregates = new List<AggregateNode>();
        Walk(plan, p => { if (p is AggregateNode { GroupBy.Count: 1 } a) aggregates.Add(a); });
        var perPart = Assert.Single(aggregates);
        LogicalPlan input = perPart.Input;
        while (input is ProjectNode or FilterNode) input = input.Inputs[0];
        Assert.True(input is JoinNode { JoinType: JoinType.LeftSemi }, text);
        Assert.True(CardinalityEstimator.Rows(perPart.Input) < 600_000, text);
    }

    private static bool Scans(LogicalPlan plan, string table)
    {
        var found = false;
        Walk(plan, p => found |= p is ScanNode s && s.TableName == "tpch." + table);
        return found;
    }

    private static void Walk(LogicalPlan plan, Action<LogicalPlan> visit)
    {
        visit(plan);
        foreach (var input in plan.Inputs) Walk(input, visit);
    }
}
