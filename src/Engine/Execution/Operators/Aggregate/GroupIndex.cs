using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Operators.Aggregate;

/// <summary>Assigns dense group ids to key tuples. <see cref="Create"/> picks a specialized index for one integer-like key.</summary>
internal abstract class GroupIndex
{
    public abstract int GroupCount { get; }

    /// <summary>Group ids for every row of the key columns, creating groups for unseen keys (NULL is a key of its own).</summary>
    public abstract int[] FindOrInsert(IReadOnlyList<ArrowArray> keyColumns, int rows);

    /// <summary>Group ids of existing groups for every row of the key columns, -1 where the key has no group; inserts nothing (spilling aggregation).</summary>
    public abstract int[] Find(IReadOnlyList<ArrowArray> keyColumns, int rows);

    /// <summary>Inserts every group of <paramref name="other"/> (same kind and key types); returns its group id -> this index's group id.</summary>
    public abstract int[] Merge(GroupIndex other);

    /// <summary>The key columns of groups [0, GroupCount).</summary>
    public abstract ArrowArray[] DecodeKeys();

    /// <summary>Bytes held by the index's arrays (for the query's memory accounting).</summary>
    public abstract long MemoryBytes { get; }

    public static GroupIndex Create(IReadOnlyList<DataType> keyTypes) =>
        keyTypes.Count == 1 && keyTypes[0].Id is TypeId.Int8 or TypeId.Int16 or TypeId.Int32 or TypeId.Int64 or TypeId.Date32 or TypeId.Timestamp
            ? new IntegerGroupIndex(keyTypes[0])
            : new GroupTable(keyTypes);
}
