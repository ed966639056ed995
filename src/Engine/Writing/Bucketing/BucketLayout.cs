using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Bucketing;

namespace QueryEngine.Engine.Writing.Bucketing;

/// <summary>
/// How a write splits rows into buckets: the positions of the bucket columns among the data columns (in
/// <c>bucketed_by</c> order) and the bucket count. Rows are assigned with <see cref="HiveBucketHash"/> (version 1).
/// </summary>
internal sealed record BucketLayout(int[] ColumnIndexes, int Count)
{
    /// <summary>Hive types whose version-1 hash is implemented (<c>varchar</c>/<c>char</c> hash differently from <c>string</c> in Hive).</summary>
    private static readonly HashSet<string> SupportedHiveTypes = new(StringComparer.Ordinal)
    {
        "boolean", "tinyint", "smallint", "int", "bigint", "float", "double", "string", "date",
    };

    /// <summary>
    /// Checks bucket columns against the data and partition columns: each must be a data column (not a partition
    /// column) of a hashable type, listed once.
    /// </summary>
    public static BucketLayout Resolve(
        IReadOnlyList<string> bucketColumns,
        int count,
        IReadOnlyList<ColumnInfo> dataColumns,
        IReadOnlyList<ColumnInfo> partitionKeys,
        string what,
        SourceSpan? span)
    {
        var indexes = new int[bucketColumns.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < indexes.Length; i++)
        {
            var name = bucketColumns[i];
            if (!seen.Add(name)) throw new SemanticException($"Bucket column '{name}' is listed more than once in {what}", span);
            var index = -1;
            for (var c = 0; c < dataColumns.Count; c++)
            {
                if (dataColumns[c].Name == name) index = c;
            }
            if (index < 0)
            {
                foreach (var key in partitionKeys)
                {
                    if (key.Name == name) throw new SemanticException($"Partition column '{name}' cannot be a bucket column ({what}): bucket by a column that is not in partitioned_by", span);
                }
                throw new SemanticException($"Bucket column '{name}' is not a column of {what}", span);
            }
            var hiveType = dataColumns[index].HiveType;
            if (!SupportedHiveTypes.Contains(hiveType))
            {
                throw new NotSupportedQueryException(
                    $"Bucketing on column '{name}' of type {hiveType} is not supported yet: bucket columns may be boolean, tinyint, smallint, int, bigint, float, double, string or date",
                    span);
            }
            indexes[i] = index;
        }
        return new BucketLayout(indexes, count);
    }

    /// <summary>The layout of an existing bucketed table for INSERT, or null when it is not bucketed; refuses Hive 3's version-2 (Murmur3) tables.</summary>
    public static BucketLayout? OfTable(TableInfo table, SourceSpan? span)
    {
        if (table.Storage.BucketCount <= 0 || table.Storage.BucketColumns.Count == 0) return null;
        var name = $"{table.Database}.{table.Name}";
        if (table.Parameters.TryGetValue(StorageInfo.BucketingVersionParameter, out var version) && version.Trim() != "1")
        {
            throw new NotSupportedQueryException(
                $"INSERT INTO {name}: bucketing_version {version} (Hive 3's Murmur3 hash) is not supported yet; only version 1 tables can be written",
                span);
        }
        return Resolve(table.Storage.BucketColumns, table.Storage.BucketCount, table.Columns, table.PartitionKeys, $"table '{name}'", span);
    }
}
