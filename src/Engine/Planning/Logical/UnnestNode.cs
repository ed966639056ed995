using QueryEngine.Engine.Expressions;

namespace QueryEngine.Engine.Planning.Logical;

/// <summary>
/// UNNEST over every input row: the arrays and maps <paramref name="Expressions"/> (over the input's columns) are
/// expanded side by side (shorter ones padded with nulls); an array gives one column, a map two (key, value), in
/// <paramref name="ElementColumns"/>. <paramref name="Ordinality"/> numbers the rows of each expansion from 1.
/// <paramref name="Outer"/> keeps an input row whose arrays are all empty or null, with null elements (LEFT JOIN).
/// Output: the input's columns, the element columns, then the ordinality.
/// </summary>
public sealed record UnnestNode(
    LogicalPlan Input,
    IReadOnlyList<PhysicalExpr> Expressions,
    IReadOnlyList<ColumnRef> ElementColumns,
    ColumnRef? Ordinality,
    bool Outer) : LogicalPlan
{
    public override IReadOnlyList<ColumnRef> Output =>
        [.. Input.Output, .. ElementColumns, .. Ordinality is null ? Array.Empty<ColumnRef>() : [Ordinality]];

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this with { Input = inputs[0] };
}
