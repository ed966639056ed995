using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Bucketing;

namespace QueryEngine.Engine.Writing.Bucketing;

/// <summary>
/// How a write splits rows into buckets: the positions of the bucket columns among the data columns (in
/// <c>bucketed_by</c> order), the bucket count and Hive's bucketing version. Rows are assigned with <see cref="HiveBucketHash"/>.
/// </summary>
internal sealed record BucketLayout(int[] ColumnIndexes, int Count, HiveBucketingVersion Version)
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
        SourceSpan? span,
        HiveBucketingVersion version = HiveBucketingVersion.V1)
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
            if (!IsHashable(hiveType, version))
            {
                throw new NotSupportedQueryException(
                    $"Bucketing on column '{name}' of type {hiveType} is not supported yet: bucket columns may be boolean, tinyint, smallint, int, bigint, float, double, string{(version == HiveBucketingVersion.V2 ? ", varchar" : "")} or date",
                    span);
            }
            indexes[i] = index;
        }
        return new BucketLayout(indexes, count, version);
    }

    /// <summary>Whether values of a Hive type hash the same as our values of it: version 2 hashes varchar as string, version 1 does not.</summary>
    public static bool IsHashable(string hiveType, HiveBucketingVersion version) =>
        SupportedHiveTypes.Contains(hiveType) ||
        (version == HiveBucketingVersion.V2 && hiveType.StartsWith("varchar(", StringComparison.Ordinal));

    /// <summary>The layout of an existing bucketed table for INSERT (its own <c>bucketing_version</c>), or null when it is not bucketed.</summary>
    public static BucketLayout? OfTable(TableInfo table, SourceSpan? span)
    {
        if (table.Storage.BucketCount <= 0 || table.Storage.BucketColumns.Count == 0) return null;
        var name = $"{table.Database}.{table.Name}";
        table.Parameters.TryGetValue(StorageInfo.BucketingVersionParameter, out var text);
        var version = HiveBucketingVersions.Parse(text) ?? throw new NotSupportedQueryException(
            $"INSERT INTO {name}: bucketing_version '{text}' is not supported: only versions 1 and 2 (Hive 3's Murmur3) can be written",
            span);
        return Resolve(table.Storage.BucketColumns, table.Storage.BucketCount, table.Columns, table.PartitionKeys, $"table '{name}'", span, version);
    }
}
