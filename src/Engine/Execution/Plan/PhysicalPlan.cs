using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions;

namespace QueryEngine.Engine.Execution.Plan;

/// <summary>
/// A physical plan node: what to run, fully bound. Expressions refer to columns of the node's input
/// (for joins: the left input's columns followed by the right input's). <see cref="Schema"/> is the output.
/// The executor (<c>ExecutionBuilder</c>) turns a tree of these into running operators.
/// </summary>
public abstract record PhysicalPlan(Schema Schema)
{
    public abstract IReadOnlyList<PhysicalPlan> Children { get; }
}

/// <summary>Scans <paramref name="Source"/>, producing the projected columns; rows failing <paramref name="Filters"/>
/// (over the projected schema, i.e. this node's output) are removed here.</summary>
/// <param name="SourceFilters">The same predicates over the source's full schema, passed to the source for skipping.</param>
public sealed record ScanExec(
    string TableName,
    ITableSource Source,
    IReadOnlyList<int> Projection,
    IReadOnlyList<PhysicalExpr> Filters,
    IReadOnlyList<PhysicalExpr> SourceFilters,
    Schema Schema) : PhysicalPlan(Schema)
{
    public override IReadOnlyList<PhysicalPlan> Children => [];

    /// <summary>Join keys published at run time that this scan adds to its filters (published in the query's <c>DynamicFilters</c>).</summary>
    public IReadOnlyList<DynamicFilterTarget> DynamicFilters { get; init; } = [];

    /// <summary>Only the row count matters, not the projected values (passed to the source as <see cref="ScanRequest.RowsOnly"/>).</summary>
    public bool RowsOnly { get; init; }

    /// <summary>
    /// Output string columns that may leave the scan as <see cref="Columnar.DictionaryArray"/>s because every operator
    /// between the scan and their one consumer (a hash aggregation's group keys) passes them through untouched (see
    /// <c>DictionaryKeyPlacement</c>); every other column leaves the scan flat.
    /// </summary>
    public IReadOnlyList<int> EncodedColumns { get; init; } = [];
}

/// <summary>Literal rows. Each row has one expression per output column (constant-foldable; may not reference columns).</summary>
public sealed record ValuesExec(IReadOnlyList<IReadOnlyList<PhysicalExpr>> Rows, Schema Schema) : PhysicalPlan(Schema)
{
    public override IReadOnlyList<PhysicalPlan> Children => [];
}

public sealed record FilterExec(PhysicalPlan Input, PhysicalExpr Predicate) : PhysicalPlan(Input.Schema)
{
    public override IReadOnlyList<PhysicalPlan> Children => [Input];
}

public sealed record ProjectExec(PhysicalPlan Input, IReadOnlyList<PhysicalExpr> Exprs, Schema Schema) : PhysicalPlan(Schema)
{
    public override IReadOnlyList<PhysicalPlan> Children => [Input];
}

/// <summary>
/// GROUP BY <paramref name="GroupBy"/> computing <paramref name="Aggregates"/>. Output: the group keys in order,
/// then one column per aggregate. With no group keys it returns exactly one row, even over empty input.
/// </summary>
public sealed record HashAggregateExec(
    PhysicalPlan Input,
    IReadOnlyList<PhysicalExpr> GroupBy,
    IReadOnlyList<AggregateCall> Aggregates,
    Schema Schema) : PhysicalPlan(Schema)
{
    public override IReadOnlyList<PhysicalPlan> Children => [Input];
}

public enum JoinType
{
    Inner,
    Left,
    Right,
    Full,
    /// <summary>Left rows with at least one match; output has only the left columns.</summary>
    LeftSemi,
    /// <summary>Left rows with no match; output has only the left columns.</summary>
    LeftAnti,
}

/// <summary>
/// Equi-join on <paramref name="LeftKeys"/> = <paramref name="RightKeys"/> (pairwise same types; null keys never match),
/// with an optional residual <paramref name="Filter"/> over left columns followed by right columns that a matching
/// pair must also satisfy. <paramref name="NullsEqual"/> makes null keys match each other (INTERSECT/EXCEPT). The right side is the build side. Output: left then right columns (semi/anti: left only);
/// outer joins fill the missing side with nulls.
/// </summary>
public sealed record HashJoinExec(
    PhysicalPlan Left,
    PhysicalPlan Right,
    JoinType JoinType,
    IReadOnlyList<PhysicalExpr> LeftKeys,
    IReadOnlyList<PhysicalExpr> RightKeys,
    PhysicalExpr? Filter,
    Schema Schema,
    bool NullsEqual = false) : PhysicalPlan(Schema)
{
    public override IReadOnlyList<PhysicalPlan> Children => [Left, Right];

    /// <summary>The build key this join publishes for a probe-side scan once built; null for none.</summary>
    public DynamicFilterSource? DynamicFilter { get; init; }
}

/// <summary>Join without equi-keys (cross join, or any condition): <paramref name="Filter"/> over left then right columns; null means cross join.</summary>
public sealed record NestedLoopJoinExec(
    PhysicalPlan Left,
    PhysicalPlan Right,
    JoinType JoinType,
    PhysicalExpr? Filter,
    Schema Schema) : PhysicalPlan(Schema)
{
    public override IReadOnlyList<PhysicalPlan> Children => [Left, Right];
}

/// <summary>Sort key. Trino's default is ascending with NULLS LAST.</summary>
public sealed record SortKey(PhysicalExpr Expr, bool Ascending, bool NullsFirst);

public sealed record SortExec(PhysicalPlan Input, IReadOnlyList<SortKey> Keys) : PhysicalPlan(Input.Schema)
{
    public override IReadOnlyList<PhysicalPlan> Children => [Input];
}

/// <summary>ORDER BY ... OFFSET <paramref name="Offset"/> LIMIT <paramref name="Limit"/> without a full sort.</summary>
public sealed record TopNExec(PhysicalPlan Input, IReadOnlyList<SortKey> Keys, long Limit, long Offset) : PhysicalPlan(Input.Schema)
{
    public override IReadOnlyList<PhysicalPlan> Children => [Input];
}

/// <summary>Skips <paramref name="Offset"/> rows then passes at most <paramref name="Limit"/> (null: no limit).</summary>
public sealed record LimitExec(PhysicalPlan Input, long Offset, long? Limit) : PhysicalPlan(Input.Schema)
{
    public override IReadOnlyList<PhysicalPlan> Children => [Input];
}

/// <summary>Concatenates inputs with identical column types; the output takes the first input's names.</summary>
public sealed record UnionAllExec(IReadOnlyList<PhysicalPlan> Inputs, Schema Schema) : PhysicalPlan(Schema)
{
    public override IReadOnlyList<PhysicalPlan> Children => Inputs;
}

/// <summary>Passes through at most one row: errors when the input has more ("Scalar subquery returned more than one row"),
/// produces one all-null row when it has none.</summary>
public sealed record EnforceSingleRowExec(PhysicalPlan Input) : PhysicalPlan(Input.Schema)
{
    public override IReadOnlyList<PhysicalPlan> Children => [Input];
}

/// <summary>
/// WITH RECURSIVE: runs <paramref name="Anchor"/>, then <paramref name="Step"/> over the previous round's rows
/// (<see cref="WorkTableScanExec"/> with the same id) until a round is empty or <paramref name="MaxRounds"/> is exceeded.
/// </summary>
public sealed record RecursiveUnionExec(PhysicalPlan Anchor, PhysicalPlan Step, int WorkTableId, int MaxRounds, Schema Schema) : PhysicalPlan(Schema)
{
    public override IReadOnlyList<PhysicalPlan> Children => [Anchor, Step];
}

/// <summary>The rows of the previous round of the recursive union <paramref name="WorkTableId"/>.</summary>
public sealed record WorkTableScanExec(int WorkTableId, Schema Schema) : PhysicalPlan(Schema)
{
    public override IReadOnlyList<PhysicalPlan> Children => [];
}
