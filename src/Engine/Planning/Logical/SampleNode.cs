namespace QueryEngine.Engine.Planning.Logical;

/// <summary>
/// TABLESAMPLE: keeps each row (BERNOULLI) or each batch of rows (SYSTEM, a batch standing for a split) with
/// probability <paramref name="Ratio"/> in [0, 1].
/// </summary>
public sealed record SampleNode(LogicalPlan Input, bool System, double Ratio) : LogicalPlan
{
    public override IReadOnlyList<ColumnRef> Output => Input.Output;

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this with { Input = inputs[0] };
}
