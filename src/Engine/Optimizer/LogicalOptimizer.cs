using QueryEngine.Engine.Common;
using QueryEngine.Engine.Optimizer.Rules;
using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Optimizer;

/// <summary>Runs the rule pipeline in a fixed order, checking after each rule that the output is unchanged.</summary>
public sealed class LogicalOptimizer
{
    private readonly IReadOnlyList<IOptimizerRule> _rules;

    public LogicalOptimizer(IReadOnlyList<IOptimizerRule> rules) => _rules = rules;

    public static LogicalOptimizer Default { get; } = new([
        new SimplifyExpressions(),
        new PushDownPredicates(),
        new DeriveDisjunctionFilters(),
        new PushDownPredicates(),
        new ReorderJoins(),
        new ReduceByOuterKeys(),
        new PushDownPredicates(),
        new PushDownLimit(),
        new PruneColumns(),
        new ShareCteResults(),
    ]);

    public IReadOnlyList<IOptimizerRule> Rules => _rules;

    public LogicalPlan Optimize(LogicalPlan plan, ISet<string>? disabled = null)
    {
        foreach (var rule in _rules)
        {
            if (disabled is not null && disabled.Contains(rule.Name)) continue;
            var rewritten = rule.Rewrite(plan);
            if (!SameOutput(plan, rewritten)) throw new InternalException($"optimizer rule {rule.Name} changed the plan's output");
            plan = rewritten;
        }
        return plan;
    }

    private static bool SameOutput(LogicalPlan a, LogicalPlan b)
    {
        var x = a.Output;
        var y = b.Output;
        if (x.Count != y.Count) return false;
        for (var i = 0; i < x.Count; i++)
        {
            if (x[i].Id != y[i].Id || !x[i].Type.Equals(y[i].Type)) return false;
        }
        return true;
    }
}
