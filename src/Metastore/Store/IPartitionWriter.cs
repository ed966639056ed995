using QueryEngine.Engine.Catalog;

namespace QueryEngine.Metastore.Store;

/// <summary>Writes the rows of new partitions inside the caller's transaction; <see cref="Flush"/> before committing.</summary>
internal interface IPartitionWriter : IDisposable
{
    /// <summary>
    /// Adds one normalized partition (its storage is set) under <paramref name="name"/>, its storage descriptor pointing
    /// at the column descriptor <paramref name="columnsId"/> (its table's or its own).
    /// </summary>
    void Add(PartitionInfo partition, string name, long? columnsId);

    /// <summary>Writes whatever is still buffered.</summary>
    void Flush();
}
