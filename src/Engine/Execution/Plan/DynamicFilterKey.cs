using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Plan;

/// <summary>
/// Names one hash join's dynamic filter inside a physical plan (by reference identity): the join publishes its build
/// keys under it, the probe-side scan that reads the key column looks them up.
/// </summary>
public sealed class DynamicFilterKey
{
    public override string ToString() => "dynamic filter";

    /// <summary>Whether dynamic filters support join keys of this type (integers and dates).</summary>
    public static bool Supports(DataType type) => type.Id is TypeId.Int32 or TypeId.Int64 or TypeId.Date32;
}

/// <summary>Which key (<paramref name="KeyIndex"/> of the join's keys) a hash join publishes under <paramref name="Key"/>.</summary>
public sealed record DynamicFilterSource(DynamicFilterKey Key, int KeyIndex);

/// <summary>
/// A scan's use of a dynamic filter: the join key is scan output column <paramref name="OutputColumn"/>, which is
/// column <paramref name="SourceColumn"/> of the table (the schema source filters use).
/// </summary>
public sealed record DynamicFilterTarget(DynamicFilterKey Key, int OutputColumn, int SourceColumn);
