using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Optimizer.Rules;

/// <summary>
/// The last rule: the references of one WITH query (<see cref="CteReferenceNode"/>s the binder kept, see
/// <see cref="CteSharing"/>) whose optimized copies are the same plan get one spool id, so that the result is computed
/// once and read by each of them (Q15's <c>revenue</c>, read by the join and by <c>max(total_revenue)</c>). Copies are
/// compared by their printed plan (names, filters, expressions, estimates), nested references included; a reference
/// left without a twin, or whose twins never run (inside the copies of another shared result), is inlined.
/// </summary>
public sealed class ShareCteResults : IOptimizerRule
{
    public string Name => "share_cte_results";

    public LogicalPlan Rewrite(LogicalPlan plan)
    {
        var fingerprints = new Dictionary<CteReferenceNode, (int Cte, string Plan)>(ReferenceEqualityComparer.Instance);
        Collect(plan, fingerprints);
        if (fingerprints.Count == 0) return plan;
        var uses = new Dictionary<(int Cte, string Plan), int>();
        foreach (var key in fingerprints.Values) uses[key] = uses.GetValueOrDefault(key) + 1;
        var spoolIds = new Dictionary<(int Cte, string Plan), int>();
        var assigned = Assign(plan, fingerprints, uses, spoolIds);
        if (spoolIds.Count == 0) return assigned;
        var readers = new Dictionary<int, int>();
        CountReaders(assigned, [], readers);
        return WithReaders(assigned, readers);
    }

    /// <summary>
    /// References that read each shared result when the query runs: one copy of a shared result computes it, the
    /// others only read, so the references inside the other copies never run.
    /// </summary>
    private static void CountReaders(LogicalPlan plan, HashSet<int> seen, Dictionary<int, int> readers)
    {
        if (plan is CteReferenceNode { SpoolId: { } spool })
        {
            readers[spool] = readers.GetValueOrDefault(spool) + 1;
            if (!seen.Add(spool)) return;
        }
        foreach (var input in plan.Inputs) CountReaders(input, seen, readers);
    }

    private static LogicalPlan WithReaders(LogicalPlan plan, Dictionary<int, int> readers)
    {
        var inputs = plan.Inputs;
        if (inputs.Count > 0) plan = plan.WithInputs(inputs.Select(i => WithReaders(i, readers)).ToArray());
        if (plan is not CteReferenceNode { SpoolId: { } spool } reference) return plan;
        // Twins that only exist inside the copies of another shared result: one of them runs, nothing to share.
        return readers[spool] < 2 ? reference.Input : reference with { Uses = readers[spool] };
    }

    private static void Collect(LogicalPlan plan, Dictionary<CteReferenceNode, (int, string)> fingerprints)
    {
        if (plan is CteReferenceNode reference) fingerprints[reference] = (reference.CteId, PlanPrinter.Print(reference.Input));
        foreach (var input in plan.Inputs) Collect(input, fingerprints);
    }

    private static LogicalPlan Assign(
        LogicalPlan plan,
        Dictionary<CteReferenceNode, (int, string)> fingerprints,
        Dictionary<(int, string), int> uses,
        Dictionary<(int, string), int> spoolIds)
    {
        var original = plan;
        var inputs = plan.Inputs;
        if (inputs.Count > 0)
        {
            var rewritten = new LogicalPlan[inputs.Count];
            var changed = false;
            for (var i = 0; i < inputs.Count; i++)
            {
                rewritten[i] = Assign(inputs[i], fingerprints, uses, spoolIds);
                changed |= !ReferenceEquals(rewritten[i], inputs[i]);
            }
            if (changed) plan = plan.WithInputs(rewritten);
        }
        if (plan is not CteReferenceNode reference) return plan;
        var key = fingerprints[(CteReferenceNode)original];
        var count = uses[key];
        if (count < 2) return reference.Input;
        if (!spoolIds.TryGetValue(key, out var spoolId)) spoolIds[key] = spoolId = spoolIds.Count;
        return reference with { SpoolId = spoolId };
    }
}
