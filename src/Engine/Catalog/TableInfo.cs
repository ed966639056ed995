namespace QueryEngine.Engine.Catalog;

public enum TableKind
{
    External,
    Managed,
    View,
}

/// <summary>A column as the metastore keeps it: a Hive type string such as <c>decimal(15,2)</c> or <c>array&lt;string&gt;</c>.</summary>
public sealed record ColumnInfo(string Name, string HiveType, string? Comment = null);

/// <summary>
/// A sort column of a storage descriptor (Hive's <c>Order</c>: <c>col</c>, and <c>order</c> 1 for ascending, 0 for
/// descending): the order of rows inside each bucket file, as <c>SORTED BY (col ASC|DESC)</c> declares it.
/// </summary>
public sealed record SortColumnInfo(string Name, bool Ascending = true)
{
    /// <summary>Hive's <c>Order.order</c> value: 1 ascending, 0 descending.</summary>
    public int HiveOrder => Ascending ? 1 : 0;
}

/// <summary>Where and how a table's files are stored (Hive's StorageDescriptor + SerDeInfo).</summary>
public sealed record StorageInfo(
    string? Location,
    string InputFormat,
    string OutputFormat,
    string SerdeLibrary)
{
    public IReadOnlyDictionary<string, string> SerdeParameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Hive's <c>bucketCols</c>: the columns whose hash picks a row's bucket; empty when the table is not bucketed.</summary>
    public IReadOnlyList<string> BucketColumns { get; init; } = [];

    /// <summary>Hive's <c>numBuckets</c>; 0 when the table is not bucketed (Hive stores -1).</summary>
    public int BucketCount { get; init; }

    /// <summary>Hive's <c>sortCols</c>: how rows are sorted inside each bucket file; empty when unsorted.</summary>
    public IReadOnlyList<SortColumnInfo> SortColumns { get; init; } = [];

    /// <summary>Table parameter naming the bucketing hash: 1 (Hive 1/2, Trino, Athena) or 2 (Murmur3, Hive 3's default).</summary>
    public const string BucketingVersionParameter = "bucketing_version";

    public static class Formats
    {
        public const string TextInput = "org.apache.hadoop.mapred.TextInputFormat";
        public const string TextOutput = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
        public const string LazySimpleSerde = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
        public const string OpenCsvSerde = "org.apache.hadoop.hive.serde2.OpenCSVSerde";
        public const string ParquetInput = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
        public const string ParquetOutput = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
        public const string ParquetSerde = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
        public const string OpenXJsonSerde = "org.openx.data.jsonserde.JsonSerDe";
        public const string HiveJsonSerde = "org.apache.hive.hcatalog.data.JsonSerDe";
    }
}

public sealed record TableInfo(
    string Database,
    string Name,
    TableKind Kind,
    IReadOnlyList<ColumnInfo> Columns,
    StorageInfo Storage)
{
    public IReadOnlyList<ColumnInfo> PartitionKeys { get; init; } = [];

    /// <summary>Table parameters (TBLPROPERTIES): classification, skip.header.line.count, EXTERNAL, ...</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Hive's table parameter holding the row count (written by CTAS, INSERT and ANALYZE).</summary>
    public const string RowCountParameter = "numRows";

    /// <summary>The row count recorded in <see cref="RowCountParameter"/>, or null when absent or not a count.</summary>
    public long? RecordedRowCount =>
        Parameters.TryGetValue(RowCountParameter, out var text)
        && long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rows)
            ? rows
            : null;

    public string? Owner { get; init; }

    public DateTimeOffset CreateTime { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>For views: the SQL text as written and as expanded.</summary>
    public string? ViewOriginalText { get; init; }

    public string? ViewExpandedText { get; init; }

    public string? Comment { get; init; }

    /// <summary>
    /// Optimistic-concurrency version: 0 when created, +1 on every <see cref="ICatalog.AlterTable"/>. An alteration
    /// must carry the version it read, or it fails with <see cref="Common.ConcurrentModificationException"/>.
    /// </summary>
    public long Version { get; init; }
}
