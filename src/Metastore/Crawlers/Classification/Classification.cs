namespace QueryEngine.Metastore.Crawlers.Classification;

/// <summary>What a crawler decided a file holds, by Glue's classification names.</summary>
internal enum FileClassification
{
    Unknown,
    Avro,
    Orc,
    Parquet,
    Json,
    Csv,
}

/// <summary>Compression of a whole file (Parquet/ORC/Avro compress inside the format: <see cref="None"/>).</summary>
internal enum FileCompression
{
    None,
    Gzip,
    Bzip2,
    Zstd,
}

internal static class ClassificationNames
{
    /// <summary>The table property value Glue writes (<c>classification</c>).</summary>
    public static string Name(FileClassification classification) => classification switch
    {
        FileClassification.Avro => "avro",
        FileClassification.Orc => "orc",
        FileClassification.Parquet => "parquet",
        FileClassification.Json => "json",
        FileClassification.Csv => "csv",
        _ => "UNKNOWN",
    };

    /// <summary>The table property value Glue writes (<c>compressionType</c>).</summary>
    public static string Name(FileCompression compression) => compression switch
    {
        FileCompression.Gzip => "gzip",
        FileCompression.Bzip2 => "bzip2",
        FileCompression.Zstd => "zstd",
        _ => "none",
    };
}
