using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions;

namespace QueryEngine.Engine.Execution.Plan;

public enum WindowFunction
{
    RowNumber,
    Rank,
    DenseRank,
    PercentRank,
    CumeDist,
    /// <summary>ntile(n): Args[0] is the bucket count.</summary>
    Ntile,
    /// <summary>lag(x [, offset [, default]]): Args are x, offset (bigint, default 1), default (x's type, default null).</summary>
    Lag,
    /// <summary>lead(x [, offset [, default]]): as <see cref="Lag"/>.</summary>
    Lead,
    FirstValue,
    LastValue,
    /// <summary>nth_value(x, n): Args are x and n (bigint, 1-based).</summary>
    NthValue,
    /// <summary>An aggregate over the frame: <see cref="WindowFunctionCall.Aggregate"/> says which.</summary>
    Aggregate,
}

public enum WindowFrameUnit
{
    Rows,
    Range,
    Groups,
}

public enum WindowFrameBoundKind
{
    UnboundedPreceding,
    Preceding,
    CurrentRow,
    Following,
    UnboundedFollowing,
}

/// <summary>A frame bound; <paramref name="Offset"/> (a non-negative constant) is set for Preceding/Following.</summary>
public sealed record WindowFrameBound(WindowFrameBoundKind Kind, PhysicalExpr? Offset = null);

/// <summary>
/// The frame of a window function. Trino's default is RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW with an
/// ORDER BY (peers of the current row included), and the whole partition without one.
/// </summary>
public sealed record WindowFrame(WindowFrameUnit Unit, WindowFrameBound Start, WindowFrameBound End)
{
    public static readonly WindowFrame DefaultWithOrder =
        new(WindowFrameUnit.Range, new(WindowFrameBoundKind.UnboundedPreceding), new(WindowFrameBoundKind.CurrentRow));

    public static readonly WindowFrame WholePartition =
        new(WindowFrameUnit.Range, new(WindowFrameBoundKind.UnboundedPreceding), new(WindowFrameBoundKind.UnboundedFollowing));
}

/// <summary>
/// One window function. <paramref name="Args"/> are expressions over the window's input; for
/// <see cref="WindowFunction.Aggregate"/> the aggregate (with its own args, DISTINCT and FILTER) is in
/// <paramref name="Aggregate"/>. Ranking functions ignore the frame; value functions and aggregates use it.
/// </summary>
public sealed record WindowFunctionCall(
    WindowFunction Function,
    IReadOnlyList<PhysicalExpr> Args,
    AggregateCall? Aggregate,
    WindowFrame Frame,
    bool IgnoreNulls,
    DataType Type);

/// <summary>
/// Window functions sharing one PARTITION BY / ORDER BY. Output: all input columns in order, then one column per
/// function. Rows of a partition are ordered by <paramref name="OrderBy"/>; ties ("peers") matter for RANGE and
/// GROUPS frames and for rank/dense_rank/percent_rank/cume_dist. Output row order is unspecified.
/// </summary>
public sealed record WindowExec(
    PhysicalPlan Input,
    IReadOnlyList<PhysicalExpr> PartitionBy,
    IReadOnlyList<SortKey> OrderBy,
    IReadOnlyList<WindowFunctionCall> Functions,
    Schema Schema) : PhysicalPlan(Schema)
{
    public override IReadOnlyList<PhysicalPlan> Children => [Input];
}
