using System.Collections.Concurrent;
using QueryEngine.Engine.Execution.Plan;

namespace QueryEngine.Engine.Execution.DynamicFiltering;

/// <summary>
/// One query's published dynamic filters. A hash join publishes when its build finishes (before any probe row is
/// read); a scan reads what was published when it plans its tasks, which happens after every join it feeds has built.
/// Disabled (Trino's <c>enable_dynamic_filtering = false</c>), nothing is published and scans read everything.
/// </summary>
public sealed class DynamicFilters(bool enabled = true)
{
    private readonly ConcurrentDictionary<DynamicFilterKey, DynamicFilterValues> _published = new(ReferenceEqualityComparer.Instance);

    public bool Enabled { get; } = enabled;

    public void Publish(DynamicFilterKey key, DynamicFilterValues values)
    {
        if (Enabled) _published[key] = values;
    }

    public DynamicFilterValues? Find(DynamicFilterKey key) => _published.GetValueOrDefault(key);
}
