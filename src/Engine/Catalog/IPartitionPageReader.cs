namespace QueryEngine.Engine.Catalog;

/// <summary>
/// Receives a listing of partitions from <see cref="ICatalog.ReadPartitionPages"/>: first how many there are, then
/// the partitions in name order, one page after another, all from one consistent read of the catalog.
/// </summary>
public interface IPartitionPageReader
{
    /// <summary>Called once, before any page, with the number of partitions the pages will hold.</summary>
    void Begin(int count);

    /// <summary>The next partitions in name order; the list is not used by the catalog after the call returns.</summary>
    void Page(IReadOnlyList<PartitionInfo> partitions);
}
