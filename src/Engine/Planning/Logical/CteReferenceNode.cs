namespace QueryEngine.Engine.Planning.Logical;

/// <summary>
/// One reference to a WITH query (CTE) or a view whose result may be computed once for all its references.
/// <paramref name="Input"/> is this reference's own copy of the query's plan (fresh column ids); the node outputs
/// exactly <paramref name="Input"/>'s columns. Optimizer rules treat it as a boundary: predicates and column pruning
/// do not cross it, so every copy stays the same plan. <see cref="SpoolId"/> null: not (yet) shared, the copy runs as
/// an ordinary subplan; otherwise the references with the same spool id read one materialized result.
/// </summary>
/// <param name="CteId">The WITH query or view this references (one id per WITH query and per view of the statement).</param>
/// <param name="Name">The WITH query's name (a view's <c>database.name</c>), for EXPLAIN.</param>
public sealed record CteReferenceNode(int CteId, string Name, LogicalPlan Input) : LogicalPlan
{
    /// <summary>The shared result this reference reads; null until <c>ShareCteResults</c> assigns one.</summary>
    public int? SpoolId { get; init; }

    /// <summary>
    /// How many references read the shared result when the query runs (set with <see cref="SpoolId"/>): references
    /// inside the copies of another shared result that are never run (all but one) are not counted.
    /// </summary>
    public int Uses { get; init; }

    public override IReadOnlyList<ColumnRef> Output => Input.Output;

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this with { Input = inputs[0] };
}
