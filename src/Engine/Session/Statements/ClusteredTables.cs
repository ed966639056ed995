using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Session.Statements;

/// <summary>
/// <c>CLUSTERED BY (cols) [SORTED BY (col [ASC|DESC], ...)] INTO n BUCKETS</c> of CREATE EXTERNAL TABLE as a storage
/// descriptor's bucket columns, bucket count and sort columns. As in Hive, bucket and sort columns must be data columns
/// (not partition columns), each listed once; the count is 1 to 100,000 as for CTAS's bucket_count. Any column type is accepted: bucket
/// pruning simply does not apply to types whose hash is not implemented.
/// </summary>
internal static class ClusteredTables
{
    public sealed record Clustering(string[] BucketColumns, int BucketCount, SortColumnInfo[] SortColumns);

    public static Clustering Resolve(BucketSpec spec, IReadOnlyList<ColumnInfo> columns, IReadOnlyList<ColumnInfo> partitionKeys)
    {
        if (spec.Buckets is < 1 or > Writing.WritePropertiesParser.MaxBucketCount)
        {
            throw new SemanticException($"The number of buckets must be between 1 and {Writing.WritePropertiesParser.MaxBucketCount}, not {spec.Buckets}", spec.Span);
        }
        var bucketColumns = new string[spec.Columns.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < bucketColumns.Length; i++)
        {
            var column = spec.Columns[i];
            bucketColumns[i] = DataColumn(column, columns, partitionKeys, "CLUSTERED BY");
            if (!seen.Add(bucketColumns[i])) throw new SemanticException($"Column '{bucketColumns[i]}' is listed more than once in CLUSTERED BY", column.Span);
        }
        var sortColumns = new SortColumnInfo[spec.SortedBy.Count];
        seen.Clear();
        for (var i = 0; i < sortColumns.Length; i++)
        {
            var sorted = spec.SortedBy[i];
            var name = DataColumn(sorted.Name, columns, partitionKeys, "SORTED BY");
            if (!seen.Add(name)) throw new SemanticException($"Column '{name}' is listed more than once in SORTED BY", sorted.Span);
            sortColumns[i] = new SortColumnInfo(name, sorted.Ordering != SortOrdering.Descending);
        }
        return new Clustering(bucketColumns, (int)spec.Buckets, sortColumns);
    }

    private static string DataColumn(Identifier column, IReadOnlyList<ColumnInfo> columns, IReadOnlyList<ColumnInfo> partitionKeys, string clause)
    {
        var name = column.CanonicalValue;
        foreach (var c in columns)
        {
            if (string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)) return c.Name;
        }
        foreach (var key in partitionKeys)
        {
            if (string.Equals(key.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                throw new SemanticException($"Partition column '{key.Name}' cannot be used in {clause}: only the table's own columns can", column.Span);
            }
        }
        throw new SemanticException($"Column '{name}' in {clause} is not a column of the table", column.Span);
    }
}
