using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Optimizer;

/// <summary>One logical rewrite. Rules must preserve the plan's output columns (ids, order and types).</summary>
public interface IOptimizerRule
{
    string Name { get; }

    LogicalPlan Rewrite(LogicalPlan plan);
}
