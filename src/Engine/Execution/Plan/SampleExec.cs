namespace QueryEngine.Engine.Execution.Plan;

/// <summary>Keeps each row (<paramref name="System"/> false) or each whole batch (true) with probability <paramref name="Ratio"/>.</summary>
public sealed record SampleExec(PhysicalPlan Input, bool System, double Ratio) : PhysicalPlan(Input.Schema)
{
    public override IReadOnlyList<PhysicalPlan> Children => [Input];
}
