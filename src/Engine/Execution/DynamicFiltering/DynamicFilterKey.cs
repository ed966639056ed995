namespace QueryEngine.Engine.Execution.DynamicFiltering;

/// <summary>
/// Names one hash join's dynamic filter inside a physical plan (by reference identity): the join publishes its build
/// keys under it, the probe-side scan that reads the key column looks them up.
/// </summary>
public sealed class DynamicFilterKey
{
    public override string ToString() => "dynamic filter";
}

/// <summary>Which key (<paramref name="KeyIndex"/> of the join's keys) a hash join publishes under <paramref name="Key"/>.</summary>
public sealed record DynamicFilterSource(DynamicFilterKey Key, int KeyIndex);

/// <summary>
/// A scan's use of a dynamic filter: the join key is scan output column <paramref name="OutputColumn"/>, which is
/// column <paramref name="SourceColumn"/> of the table (the schema source filters use).
/// </summary>
public sealed record DynamicFilterTarget(DynamicFilterKey Key, int OutputColumn, int SourceColumn);
