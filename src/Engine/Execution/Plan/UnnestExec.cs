using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions;

namespace QueryEngine.Engine.Execution.Plan;

/// <summary>
/// Expands the arrays and maps <paramref name="Expressions"/> of every input row side by side. Output: the input's
/// columns repeated per element, one column per array and two per map (key, value), then a bigint ordinality when
/// <paramref name="WithOrdinality"/>. <paramref name="Outer"/> keeps rows with nothing to expand, with null elements.
/// </summary>
public sealed record UnnestExec(PhysicalPlan Input, IReadOnlyList<PhysicalExpr> Expressions, bool WithOrdinality, bool Outer, Schema Schema) : PhysicalPlan(Schema)
{
    public override IReadOnlyList<PhysicalPlan> Children => [Input];
}
