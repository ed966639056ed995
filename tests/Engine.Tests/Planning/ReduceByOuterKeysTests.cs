using Xunit;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Optimizer.Rules;
using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Planning.Logical;
using static QueryEngine.Engine.Tests.Planning.EstimatorTestPlans;

namespace QueryEngine.Engine.Tests.Planning;

/// <summary>
/// The semi-join reduction of decorrelated subqueries: the inner scan is semi-joined with a copy (fresh column ids)
/// of the filtered outer scan when that makes it much smaller, and left alone otherwise.
/// </summary>
public sealed class ReduceByOuterKeysTests
{
    private readonly EstimatorTestPlans _plans = new();

    /// <summary>Q17's shape: part (filtered) left-joined with avg(quantity) per part over all of lineitem.</summary>
    private JoinNode PerPartAverage(bool filterParts)
    {
        var part = _plans.Scan("part", 200_000, "p_partkey", "p_brand");
        var outer = filterParts ? part with { Filters = [Equal(Column(part, "p_brand"), Literal(23))] } : part;
        var lineitem = _plans.Scan("lineitem", 6_000_000, "l_partkey", "l_quantity");
        var key = new ColumnRef(100, "l_partkey", Columnar.DataType.Int64);
        var sum = new ColumnRef(101, "sum", Columnar.DataType.Int64);
        var perPart = new AggregateNode(
            lineitem,
            [new Assignment(key, Column(lineitem, "l_partkey"))],
            [new AggregateAssignment(sum, new AggregateCall(AggregateFunction.Sum, [Column(lineitem, "l_quantity")], false, null, Columnar.DataType.Int64))]);
        return new JoinNode(outer, perPart, JoinType.Left, Equal(Column(part, "p_partkey"), key.ToExpr()));
    }

    [Fact]
    public void FilteredOuterKeysReduceTheAggregatedScan()
    {
        var join = PerPartAverage(filterParts: true);
        var rewritten = Assert.IsType<JoinNode>(new ReduceByOuterKeys().Rewrite(join));

        Assert.Same(join.Left, rewritten.Left);
        var aggregate = Assert.IsType<AggregateNode>(rewritten.Right);
        var semi = Assert.IsType<JoinNode>(aggregate.Input);
        Assert.Equal(JoinType.LeftSemi, semi.JoinType);
        Assert.Equal("lineitem", Assert.IsType<ScanNode>(semi.Left).TableName);
        var keys = Assert.IsType<ScanNode>(semi.Right);
        Assert.Equal("part", keys.TableName);
        // A copy of the outer scan and its filter, with column ids of its own.
        var outerIds = ((ScanNode)join.Left).Columns.Select(c => c.Id).ToHashSet();
        Assert.DoesNotContain(keys.Columns, c => outerIds.Contains(c.Id));
        Assert.Equal("(p_brand = 23)", ExprPrinter.Print(Assert.Single(keys.Filters)));
        var condition = Assert.IsType<BinaryExpr>(semi.Condition);
        Assert.Equal(((ColumnExpr)Column(semi.Left, "l_partkey")).Index, Assert.IsType<ColumnExpr>(condition.Left).Index);
        Assert.Equal(keys.Columns[0].Id, Assert.IsType<ColumnExpr>(condition.Right).Index);
        // The reduced aggregation is estimated at a tenth of its input.
        Assert.True(CardinalityEstimator.Rows(semi) < 1_000_000, $"{CardinalityEstimator.Rows(semi)}");
    }

    [Fact]
    public void UnfilteredOuterKeysLeaveTheSubqueryAlone()
    {
        var join = PerPartAverage(filterParts: false);
        Assert.Same(join, new ReduceByOuterKeys().Rewrite(join));
    }

    [Fact]
    public void AntiJoinInnerSideIsReducedButNullAwareNotInIsNot()
    {
        var orders = _plans.Scan("orders", 1_500_000, "o_orderkey", "o_orderdate");
        var quarter = orders with { Filters = [Equal(Column(orders, "o_orderdate"), Literal(9000))] };
        var lineitem = _plans.Scan("lineitem", 6_000_000, "l_orderkey", "l_suppkey");
        var equal = Equal(Column(quarter, "o_orderkey"), Column(lineitem, "l_orderkey"));
        var notExists = new JoinNode(quarter, lineitem, JoinType.LeftAnti, equal);
        var reduced = Assert.IsType<JoinNode>(new ReduceByOuterKeys().Rewrite(notExists));
        Assert.Equal(JoinType.LeftSemi, Assert.IsType<JoinNode>(reduced.Right).JoinType);

        // NOT IN: the condition is "equal OR either side null", no equi-join conjunct to reduce by.
        var nullAware = new BinaryExpr(
            BinaryOp.Or,
            new BinaryExpr(BinaryOp.Or, equal, new IsNullExpr(Column(quarter, "o_orderkey"), false), Columnar.DataType.Boolean),
            new IsNullExpr(Column(lineitem, "l_orderkey"), false),
            Columnar.DataType.Boolean);
        var notIn = notExists with { Condition = nullAware };
        Assert.Same(notIn, new ReduceByOuterKeys().Rewrite(notIn));
    }
}
