using Xunit;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Optimizer.Rules;
using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Planning.Logical;
using static QueryEngine.Engine.Tests.Planning.EstimatorTestPlans;

namespace QueryEngine.Engine.Tests.Planning;

/// <summary>Row estimates of filters and joins (TPC-H SF 1 table sizes), and the join graph's key-domain model.</summary>
public sealed class CardinalityEstimatorTests
{
    private readonly EstimatorTestPlans _plans = new();

    [Fact]
    public void KeyForeignKeyJoinKeepsTheForeignKeySideTimesTheKeySidesSelectivity()
    {
        var lineitem = _plans.Scan("lineitem", 6_000_000, "l_orderkey");
        var orders = _plans.Scan("orders", 1_500_000, "o_orderkey", "o_orderdate");
        var filtered = orders with { Filters = [Compare(BinaryOp.Less, Column(orders, "o_orderdate"), Literal(9000))] };
        var join = new JoinNode(lineitem, filtered, JoinType.Inner, Equal(Column(lineitem, "l_orderkey"), Column(orders, "o_orderkey")));

        Assert.Equal(500_000, CardinalityEstimator.Rows(filtered), 6);
        // 6M lineitems each find their one order with probability 500k / 1.5M.
        Assert.Equal(2_000_000, CardinalityEstimator.Rows(join), 6);
        // The same from the other side.
        Assert.Equal(2_000_000, CardinalityEstimator.Rows(new JoinNode(filtered, lineitem, JoinType.Inner, join.Condition)), 6);
    }

    [Fact]
    public void FilterSelectivityFollowsThePredicatesShape()
    {
        var scan = _plans.Scan("t", 1_000_000, "a", "b");
        var a = Column(scan, "a");
        var b = Column(scan, "b");
        Assert.Equal(Selectivity.Equality, Selectivity.Of(Equal(a, Literal(1))), 9);
        Assert.Equal(Selectivity.Range, Selectivity.Of(Compare(BinaryOp.GreaterOrEqual, a, Literal(1))), 9);
        Assert.Equal(0.19, Selectivity.Of(Compare(BinaryOp.Or, Equal(a, Literal(1)), Equal(a, Literal(2)))), 9);
        Assert.Equal(0.3, Selectivity.Of(new InListExpr(a, [Literal(1), Literal(2), Literal(3)], false)), 9);
        Assert.Equal(0.9, Selectivity.Of(new NotExpr(Equal(a, Literal(1)))), 9);

        // Two range bounds: the first in full, the second with back-off (square root), not 1/9.
        var between = scan with
        {
            Filters = [Compare(BinaryOp.GreaterOrEqual, a, Literal(1)), Compare(BinaryOp.LessOrEqual, a, Literal(9))],
        };
        Assert.Equal(1_000_000 * (1.0 / 3) * Math.Sqrt(1.0 / 3), CardinalityEstimator.Rows(between), 3);
        // A filter node on top applies its predicate's selectivity to its input's estimate.
        var filtered = new FilterNode(between, Equal(b, Literal(7)));
        Assert.Equal(CardinalityEstimator.Rows(between) * 0.1, CardinalityEstimator.Rows(filtered), 3);
    }

    [Fact]
    public void JoinEstimatesStayBetweenOneAndTheCrossProduct()
    {
        var left = _plans.Scan("l", 3, "x");
        var right = _plans.Scan("r", 4, "y");
        var cross = new JoinNode(left, right, JoinType.Inner, null);
        Assert.Equal(12, CardinalityEstimator.Rows(cross), 9);

        var tinyLeft = left with { Filters = [Equal(Column(left, "x"), Literal(1)), Equal(Column(left, "x"), Literal(2))] };
        var tinyRight = right with { Filters = [Equal(Column(right, "y"), Literal(1))] };
        var selective = new JoinNode(tinyLeft, tinyRight, JoinType.Inner, Equal(Column(left, "x"), Column(right, "y")));
        Assert.Equal(1, CardinalityEstimator.Rows(selective), 9);

        // A left join keeps at least its left input.
        var big = _plans.Scan("big", 1000, "k");
        var small = _plans.Scan("small", 10, "k2");
        var leftJoin = new JoinNode(big, small with { Filters = [Equal(Column(small, "k2"), Literal(1))] }, JoinType.Left,
            Equal(Column(big, "k"), Column(small, "k2")));
        Assert.Equal(1000, CardinalityEstimator.Rows(leftJoin), 9);
    }

    [Fact]
    public void TwoForeignKeysOfOneKeyTableJoinManyToMany()
    {
        var customer = _plans.Scan("customer", 150_000, "c_custkey", "c_nationkey");
        var supplier = _plans.Scan("supplier", 10_000, "s_suppkey", "s_nationkey");
        var nation = _plans.Scan("nation", 25, "n_nationkey");
        var graph = new JoinGraph([customer, supplier, nation],
        [
            Equal(Column(customer, "c_nationkey"), Column(supplier, "s_nationkey")),
            Equal(Column(supplier, "s_nationkey"), Column(nation, "n_nationkey")),
        ]);
        // c_nationkey = s_nationkey is in the class of n_nationkey: 25 distinct values, so 150k * 10k / 25.
        Assert.Equal(60_000_000, graph.JoinRows(0b001, 150_000, 0b010, 10_000), 3);
        // Joining the key table keeps the foreign-key side.
        Assert.Equal(10_000, graph.JoinRows(0b010, 10_000, 0b100, 25), 3);
        Assert.True(graph.Connected(0b001, 0b010));
        Assert.False(graph.Connected(0b001, 0b100));
    }

    [Fact]
    public void CompositeKeyJoinIsNoMoreSelectiveThanTheKeyTablesRows()
    {
        var lineitem = _plans.Scan("lineitem", 6_000_000, "l_partkey", "l_suppkey");
        var partsupp = _plans.Scan("partsupp", 800_000, "ps_partkey", "ps_suppkey");
        var part = _plans.Scan("part", 200_000, "p_partkey");
        var supplier = _plans.Scan("supplier", 10_000, "s_suppkey");
        var graph = new JoinGraph([lineitem, partsupp, part, supplier],
        [
            Equal(Column(lineitem, "l_partkey"), Column(partsupp, "ps_partkey")),
            Equal(Column(lineitem, "l_suppkey"), Column(partsupp, "ps_suppkey")),
            Equal(Column(partsupp, "ps_partkey"), Column(part, "p_partkey")),
            Equal(Column(lineitem, "l_suppkey"), Column(supplier, "s_suppkey")),
        ]);
        // 200k * 10k key pairs, but partsupp has only 800k rows: each lineitem matches one partsupp row.
        Assert.Equal(6_000_000, graph.JoinRows(0b0001, 6_000_000, 0b0010, 800_000), 3);
        // partsupp's foreign key to part keeps partsupp; lineitem and part share no predicate.
        Assert.Equal(800_000, graph.JoinRows(0b0010, 800_000, 0b0100, 200_000), 3);
        Assert.False(graph.Connected(0b0001, 0b0100));
    }

    [Fact]
    public void ReorderedJoinsCarryTheirEstimateAndBuildOnTheSmallerSide()
    {
        var lineitem = _plans.Scan("lineitem", 6_000_000, "l_orderkey", "l_suppkey");
        var orders = _plans.Scan("orders", 1_500_000, "o_orderkey");
        var supplier = _plans.Scan("supplier", 10_000, "s_suppkey");
        var plan = new JoinNode(
            new JoinNode(supplier, orders, JoinType.Inner, null),
            lineitem,
            JoinType.Inner,
            Compare(BinaryOp.And,
                Equal(Column(lineitem, "l_orderkey"), Column(orders, "o_orderkey")),
                Equal(Column(lineitem, "l_suppkey"), Column(supplier, "s_suppkey"))));
        var reordered = new ReorderJoins().Rewrite(plan);
        var joins = Joins(reordered);
        Assert.Equal(2, joins.Count);
        Assert.All(joins, j => Assert.NotNull(j.Condition));
        Assert.All(joins, j => Assert.True(CardinalityEstimator.Rows(j.Left) >= CardinalityEstimator.Rows(j.Right)));
        Assert.All(joins, j => Assert.Equal(6_000_000, j.EstimatedRows!.Value, 3));
    }

    private static List<JoinNode> Joins(LogicalPlan plan)
    {
        var result = new List<JoinNode>();
        void Walk(LogicalPlan p)
        {
            if (p is JoinNode j) result.Add(j);
            foreach (var input in p.Inputs) Walk(input);
        }
        Walk(plan);
        return result;
    }

    [Fact]
    public void SemiJoinKeepsTheShareOfTheKeyDomainItsRightSideCovers()
    {
        var lineitem = _plans.Scan("lineitem", 6_000_000, "l_partkey");
        var part = _plans.Scan("part", 200_000, "p_partkey", "p_brand");
        var filtered = part with { Filters = [Equal(Column(part, "p_brand"), Literal(23))] };
        var semi = new JoinNode(lineitem, filtered, JoinType.LeftSemi, Equal(Column(lineitem, "l_partkey"), Column(part, "p_partkey")));

        // 20k of the 200k part keys: a tenth of the lineitems find one.
        Assert.Equal(600_000, CardinalityEstimator.Rows(semi), 6);
        // Unfiltered right side: every key may match, never more than the left side.
        Assert.Equal(6_000_000, CardinalityEstimator.Rows(semi with { Right = part }), 6);
        // No equi-join key: half, as before.
        var nonEqui = semi with { Condition = Compare(BinaryOp.Less, Column(lineitem, "l_partkey"), Column(part, "p_partkey")) };
        Assert.Equal(3_000_000, CardinalityEstimator.Rows(nonEqui), 6);
    }
}
