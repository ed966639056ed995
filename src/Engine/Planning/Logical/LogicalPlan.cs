using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;

namespace QueryEngine.Engine.Planning.Logical;

/// <summary>
/// A node of the logical plan. <see cref="Output"/> lists the columns it produces; expressions reference
/// columns of the node's inputs by <see cref="ColumnRef.Id"/>.
/// </summary>
public abstract record LogicalPlan
{
    public abstract IReadOnlyList<ColumnRef> Output { get; }

    public abstract IReadOnlyList<LogicalPlan> Inputs { get; }

    /// <summary>The same node over new inputs (same count and order as <see cref="Inputs"/>).</summary>
    public abstract LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs);
}

/// <summary>Reads <paramref name="Columns"/> (one per source column, same order) of a table, producing those at <paramref name="Projection"/>.</summary>
public sealed record ScanNode(
    string TableName,
    ITableSource Source,
    IReadOnlyList<ColumnRef> Columns,
    IReadOnlyList<int> Projection,
    IReadOnlyList<PhysicalExpr> Filters) : LogicalPlan
{
    /// <summary>
    /// Nobody reads the values of the projected column (kept only so that batches carry their row count): the source
    /// may skip reading it (see <see cref="ScanRequest.RowsOnly"/>).
    /// </summary>
    public bool RowsOnly { get; init; }

    public override IReadOnlyList<ColumnRef> Output => Projection.Select(i => Columns[i]).ToArray();

    public override IReadOnlyList<LogicalPlan> Inputs => [];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this;
}

public sealed record ValuesNode(IReadOnlyList<IReadOnlyList<PhysicalExpr>> Rows, IReadOnlyList<ColumnRef> Columns) : LogicalPlan
{
    public override IReadOnlyList<ColumnRef> Output => Columns;

    public override IReadOnlyList<LogicalPlan> Inputs => [];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this;
}

public sealed record FilterNode(LogicalPlan Input, PhysicalExpr Predicate) : LogicalPlan
{
    public override IReadOnlyList<ColumnRef> Output => Input.Output;

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this with { Input = inputs[0] };
}

/// <summary>One computed output column.</summary>
public sealed record Assignment(ColumnRef Column, PhysicalExpr Expr);

public sealed record ProjectNode(LogicalPlan Input, IReadOnlyList<Assignment> Assignments) : LogicalPlan
{
    public override IReadOnlyList<ColumnRef> Output => Assignments.Select(a => a.Column).ToArray();

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this with { Input = inputs[0] };
}

/// <summary>One aggregate output column.</summary>
public sealed record AggregateAssignment(ColumnRef Column, AggregateCall Call);

/// <summary>Group by <paramref name="GroupBy"/> (each an input column expression assigned to an output column) computing <paramref name="Aggregates"/>.</summary>
public sealed record AggregateNode(LogicalPlan Input, IReadOnlyList<Assignment> GroupBy, IReadOnlyList<AggregateAssignment> Aggregates) : LogicalPlan
{
    public override IReadOnlyList<ColumnRef> Output => GroupBy.Select(a => a.Column).Concat(Aggregates.Select(a => a.Column)).ToArray();

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this with { Input = inputs[0] };
}

/// <summary>A join; <paramref name="Condition"/> null means a cross join. Semi/anti joins output only the left columns.</summary>
public sealed record JoinNode(LogicalPlan Left, LogicalPlan Right, JoinType JoinType, PhysicalExpr? Condition) : LogicalPlan
{
    /// <summary>Output rows as estimated by the join reorderer from the whole join graph; null: estimate from the inputs.</summary>
    public double? EstimatedRows { get; init; }

    public override IReadOnlyList<ColumnRef> Output => JoinType is JoinType.LeftSemi or JoinType.LeftAnti
        ? Left.Output
        : Left.Output.Concat(Right.Output).ToArray();

    public override IReadOnlyList<LogicalPlan> Inputs => [Left, Right];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this with { Left = inputs[0], Right = inputs[1] };
}

/// <summary>Sort key over input columns.</summary>
public sealed record LogicalSortKey(PhysicalExpr Expr, bool Ascending, bool NullsFirst);

public sealed record SortNode(LogicalPlan Input, IReadOnlyList<LogicalSortKey> Keys) : LogicalPlan
{
    public override IReadOnlyList<ColumnRef> Output => Input.Output;

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this with { Input = inputs[0] };
}

public sealed record LimitNode(LogicalPlan Input, long Offset, long? Limit) : LogicalPlan
{
    public override IReadOnlyList<ColumnRef> Output => Input.Output;

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this with { Input = inputs[0] };
}

/// <summary>UNION ALL: input i's column j feeds output column j; all inputs have the output's types.</summary>
public sealed record UnionNode(IReadOnlyList<LogicalPlan> Sources, IReadOnlyList<ColumnRef> Columns) : LogicalPlan
{
    public override IReadOnlyList<ColumnRef> Output => Columns;

    public override IReadOnlyList<LogicalPlan> Inputs => Sources;

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this with { Sources = inputs };
}

/// <summary>At most one row (scalar subquery); an empty input yields one null row.</summary>
public sealed record SingleRowNode(LogicalPlan Input) : LogicalPlan
{
    public override IReadOnlyList<ColumnRef> Output => Input.Output;

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this with { Input = inputs[0] };
}

/// <summary>One window function output column.</summary>
public sealed record WindowAssignment(ColumnRef Column, Execution.Plan.WindowFunctionCall Call);

/// <summary>Window functions over one PARTITION BY / ORDER BY; outputs the input columns then the functions' columns.</summary>
public sealed record WindowNode(
    LogicalPlan Input,
    IReadOnlyList<PhysicalExpr> PartitionBy,
    IReadOnlyList<LogicalSortKey> OrderBy,
    IReadOnlyList<WindowAssignment> Functions) : LogicalPlan
{
    public override IReadOnlyList<ColumnRef> Output => Input.Output.Concat(Functions.Select(f => f.Column)).ToArray();

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this with { Input = inputs[0] };
}

/// <summary>
/// WITH RECURSIVE: <paramref name="Anchor"/> once, then <paramref name="Step"/> repeatedly over the rows the previous
/// round produced (read by <see cref="WorkTableNode"/>s with the same id) until a round produces none; the result is
/// all rounds' rows (UNION ALL). Anchor and step outputs map by position to <paramref name="Columns"/>.
/// </summary>
public sealed record RecursiveCteNode(LogicalPlan Anchor, LogicalPlan Step, int WorkTableId, IReadOnlyList<ColumnRef> Columns) : LogicalPlan
{
    public override IReadOnlyList<ColumnRef> Output => Columns;

    public override IReadOnlyList<LogicalPlan> Inputs => [Anchor, Step];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this with { Anchor = inputs[0], Step = inputs[1] };
}

/// <summary>The rows of the previous round of the recursive CTE <paramref name="WorkTableId"/>.</summary>
public sealed record WorkTableNode(int WorkTableId, IReadOnlyList<ColumnRef> Columns) : LogicalPlan
{
    public override IReadOnlyList<ColumnRef> Output => Columns;

    public override IReadOnlyList<LogicalPlan> Inputs => [];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this;
}
