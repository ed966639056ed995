using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Optimizer.Rules;

/// <summary>
/// Moves LIMIT below projections (so Sort + Limit meet and become TopN) and copies it into UNION ALL branches
/// and merges adjacent limits.
/// </summary>
public sealed class PushDownLimit : IOptimizerRule
{
    public string Name => "push_down_limit";

    public LogicalPlan Rewrite(LogicalPlan plan)
    {
        var inputs = plan.Inputs.Select(Rewrite).ToArray();
        if (inputs.Length > 0) plan = plan.WithInputs(inputs);
        if (plan is not LimitNode limit) return plan;
        switch (limit.Input)
        {
            case ProjectNode project:
                return project with { Input = Rewrite(limit with { Input = project.Input }) };
            case LimitNode inner:
                {
                    // Outer skips limit.Offset rows of the inner result, then keeps limit.Limit.
                    var offset = inner.Offset + limit.Offset;
                    long? count = inner.Limit is { } il ? Math.Max(0, il - limit.Offset) : null;
                    if (limit.Limit is { } ol) count = count is { } c ? Math.Min(c, ol) : ol;
                    return new LimitNode(inner.Input, offset, count);
                }
            case UnionNode union when limit.Limit is { } n:
                {
                    var perBranch = n + limit.Offset;
                    var sources = union.Sources.Select(s => (LogicalPlan)new LimitNode(s, 0, perBranch)).ToArray();
                    return limit with { Input = union with { Sources = sources } };
                }
            default:
                return limit;
        }
    }
}
