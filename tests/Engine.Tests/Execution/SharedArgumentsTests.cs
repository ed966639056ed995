using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Operators.Aggregate;
using QueryEngine.Engine.Expressions;
using Xunit;
using static QueryEngine.Engine.Tests.Execution.TestData;

namespace QueryEngine.Engine.Tests.Execution;

/// <summary>Which aggregate arguments publish their value for later ones, and how later arguments are rewritten.</summary>
public sealed class SharedArgumentsTests
{
    private static readonly Schema S = Schema(("p", DataType.Int64), ("d", DataType.Int64), ("t", DataType.Int64));

    private static BinaryExpr Times(PhysicalExpr l, PhysicalExpr r) => new(BinaryOp.Multiply, l, r, DataType.Int64);

    private static BinaryExpr Minus(PhysicalExpr l, PhysicalExpr r) => new(BinaryOp.Subtract, l, r, DataType.Int64);

    private static AggregateCall Sum(PhysicalExpr arg, PhysicalExpr? filter = null) => new(AggregateFunction.Sum, [arg], false, filter, DataType.Int64);

    [Fact]
    public void LaterArgumentReadsThePublishedValueOfAnEarlierOne()
    {
        var discounted = Times(Col(S, 0), Minus(Lit(1), Col(S, 1)));
        var charged = Times(Times(Col(S, 0), Minus(Lit(1), Col(S, 1))), Col(S, 2));
        var plan = SharedArguments.Plan([Sum(Col(S, 0)), Sum(discounted), Sum(charged), Sum(discounted)], S);
        Assert.Equal([-1, 0, -1, -1], plan.PublishedSlot);
        Assert.Equal(1, plan.PublishedCount);
        var shared = new ColumnExpr(3, DataType.Int64, "$shared0");
        Assert.Equal(Times(shared, Col(S, 2)), plan.Args[2][0]);
        Assert.Equal(shared, plan.Args[3][0]);
        Assert.Same(S, plan.Schemas[1]);
        Assert.Equal(4, plan.Schemas[2].Count);
    }

    [Fact]
    public void FilteredAndUnrepeatedArgumentsAreLeftAlone()
    {
        var discounted = Times(Col(S, 0), Minus(Lit(1), Col(S, 1)));
        var positive = new BinaryExpr(BinaryOp.Greater, Col(S, 2), Lit(0), DataType.Boolean);
        var plan = SharedArguments.Plan([Sum(discounted, positive), Sum(discounted), Sum(Times(Col(S, 1), Col(S, 2)))], S);
        Assert.Equal([-1, -1, -1], plan.PublishedSlot);
        Assert.Equal(discounted, plan.Args[1][0]);
        Assert.All(plan.Schemas, schema => Assert.Same(S, schema));
        var reader = SharedArguments.Plan([Sum(discounted), Sum(Times(discounted, Col(S, 2)), positive)], S);
        Assert.Equal([-1, -1], reader.PublishedSlot);
    }
}
