using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Plan;

/// <summary>
/// One reference to a result shared by <paramref name="Uses"/> references (a WITH query used more than once): the
/// first reference to run computes <paramref name="Input"/> into memory, every reference reads those rows. Each
/// reference carries the same plan as <paramref name="Input"/>, so whichever runs first can compute it.
/// </summary>
/// <param name="SpoolId">The shared result's id within the query (the same for all its references).</param>
/// <param name="Name">The WITH query's name, for EXPLAIN ANALYZE and errors.</param>
public sealed record SharedSpoolExec(PhysicalPlan Input, int SpoolId, string Name, int Uses, Schema Schema) : PhysicalPlan(Schema)
{
    public override IReadOnlyList<PhysicalPlan> Children => [Input];
}
