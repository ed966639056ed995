using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Expressions;

public enum AggregateFunction
{
    /// <summary>count(*): counts rows, takes no argument.</summary>
    CountStar,
    Count,
    Sum,
    Avg,
    Min,
    Max,
    BoolAnd,
    BoolOr,
    Arbitrary,
    CountIf,
    StddevSamp,
    StddevPop,
    VarSamp,
    VarPop,
    ArrayAgg,
    MapAgg,
    Histogram,
    CovarSamp,
    CovarPop,
    Corr,
    RegrSlope,
    RegrIntercept,
    GeometricMean,
    /// <summary>max_by(x, y): x at the largest y.</summary>
    MaxBy,
    /// <summary>min_by(x, y): x at the smallest y.</summary>
    MinBy,
    /// <summary>approx_percentile(x, p), computed exactly.</summary>
    ApproxPercentile,
    /// <summary>approx_distinct(x[, e]): HyperLogLog estimate of the number of distinct non-null values.</summary>
    ApproxDistinct,
}

/// <summary>
/// One aggregate of a hash aggregation. <paramref name="Args"/> are expressions over the aggregation's input;
/// <paramref name="Filter"/> (FILTER (WHERE ...)) restricts which rows it sees; <paramref name="Type"/> is the
/// result type decided by <see cref="FunctionRegistry.ResolveAggregate"/>. With <paramref name="Order"/> (ORDER BY inside
/// an order-sensitive aggregate) the last <c>Order.Count</c> arguments are the sort keys, in that order.
/// </summary>
public sealed record AggregateCall(
    AggregateFunction Function,
    IReadOnlyList<PhysicalExpr> Args,
    bool Distinct,
    PhysicalExpr? Filter,
    DataType Type,
    IReadOnlyList<AggregateOrder>? Order = null);
