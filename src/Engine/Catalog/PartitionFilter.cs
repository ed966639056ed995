namespace QueryEngine.Engine.Catalog;

/// <summary>
/// Restricts a partition listing: each entry keeps only partitions whose value for that key is one of the given
/// strings (all entries must hold). Stores answer it from their indexes; anything finer (ranges, expressions) is
/// pruned by the caller over the listed partitions.
/// </summary>
public sealed record PartitionFilter(IReadOnlyList<PartitionKeyFilter> Keys)
{
    public static PartitionFilter None { get; } = new([]);
}

/// <summary><c>key IN (values)</c> over partition value strings.</summary>
public sealed record PartitionKeyFilter(string Key, IReadOnlyList<string> Values);
