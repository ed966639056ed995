using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Planning.Binder;

/// <summary>A bound query: its plan, whose output columns carry the user-visible names.</summary>
public sealed record BoundQuery(LogicalPlan Plan)
{
    public IReadOnlyList<ColumnRef> Columns => Plan.Output;
}

/// <summary>A bound FROM item: its plan and the names it makes visible.</summary>
internal sealed record BoundRelation(LogicalPlan Plan, Scope Scope);
