namespace QueryEngine.Engine.Writing;

/// <summary>The file formats the engine writes.</summary>
public enum OutputFormat
{
    Parquet,
    Json,
    Text,
}

/// <summary>Compression of written files; Parquet compresses pages, the text formats whole files (gzip).</summary>
public enum OutputCompression
{
    None,
    Snappy,
    Gzip,
    Zstd,
    Lz4,
}

/// <summary>
/// How a CTAS, INSERT or UNLOAD writes its files: format, compression, Hive text field delimiter, the partition
/// columns (the last columns of the query, in order) and an explicit location for CTAS (<c>external_location</c>).
/// </summary>
public sealed record WriteOptions(OutputFormat Format, OutputCompression Compression)
{
    /// <summary>Athena's default TEXTFILE field delimiter (Hive's <c>\001</c>).</summary>
    public const string DefaultFieldDelimiter = "\u0001";

    public string FieldDelimiter { get; init; } = DefaultFieldDelimiter;

    public IReadOnlyList<string> PartitionedBy { get; init; } = [];

    public string? ExternalLocation { get; init; }

    /// <summary>Bucket columns (<c>bucketed_by</c>, data columns); empty when the table is not bucketed.</summary>
    public IReadOnlyList<string> BucketedBy { get; init; } = [];

    /// <summary>Number of buckets (<c>bucket_count</c>); 0 when the table is not bucketed.</summary>
    public int BucketCount { get; init; }

    /// <summary>Hive's bucketing version (<c>bucketing_version</c>): how bucket values are hashed (default 1, as Trino and Athena write).</summary>
    public Formats.Bucketing.HiveBucketingVersion BucketingVersion { get; init; } = Formats.Bucketing.HiveBucketingVersion.V1;

    public bool IsBucketed => BucketCount > 0;

    /// <summary>The extension of written files: <c>.parquet</c>, <c>.json</c> or <c>.txt</c>, with <c>.gz</c> for gzipped text.</summary>
    public string FileExtension => Format switch
    {
        OutputFormat.Parquet => ".parquet",
        OutputFormat.Json => Compression == OutputCompression.Gzip ? ".json.gz" : ".json",
        _ => Compression == OutputCompression.Gzip ? ".txt.gz" : ".txt",
    };
}
