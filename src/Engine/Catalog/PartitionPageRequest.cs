namespace QueryEngine.Engine.Catalog;

/// <summary>
/// Which partitions <see cref="ICatalog.ReadPartitionPages"/> hands over: those matching <see cref="Filter"/> (through
/// the catalog's index) and <see cref="Keep"/> (a test of the values, in key order, for what the index cannot
/// answer), the first <see cref="Limit"/> of them in name order (all when negative), at most
/// <see cref="PageSize"/> at a time.
/// </summary>
public sealed record PartitionPageRequest(PartitionFilter Filter, Func<IReadOnlyList<string>, bool>? Keep = null, int Limit = -1, int PageSize = 1000)
{
    /// <summary>Every partition, in pages of the default size.</summary>
    public static PartitionPageRequest All { get; } = new(PartitionFilter.None);

    /// <summary>Whether a partition with <paramref name="values"/> that passed the filter is handed over.</summary>
    public bool Keeps(IReadOnlyList<string> values) => Keep is null || Keep(values);
}
