using QueryEngine.Engine.Formats.Parquet.Metadata;

namespace QueryEngine.Engine.Formats.Parquet.Writing;

/// <summary>How <see cref="ParquetWriter"/> lays out a file.</summary>
internal sealed record ParquetWriterOptions
{
    public static ParquetWriterOptions Default { get; } = new();

    /// <summary>Page compression (SNAPPY by default; also GZIP, ZSTD, LZ4_RAW, UNCOMPRESSED).</summary>
    public CompressionCodec Codec { get; init; } = CompressionCodec.Snappy;

    /// <summary>Rows buffered before a row group is written (a group may exceed it by the rest of one batch).</summary>
    public int RowGroupRows { get; init; } = 1 << 20;

    /// <summary>Most rows per data page.</summary>
    public int PageRows { get; init; } = 20_000;

    /// <summary>About how many bytes of values a PLAIN data page holds before the next page starts (1 MiB).</summary>
    public int PageBytes { get; init; } = 1 << 20;

    /// <summary>Write a column index and an offset index for every column chunk (the page index).</summary>
    public bool WritePageIndex { get; init; } = true;

    /// <summary>Dictionary-encode columns whose dictionary stays within this many bytes (0 disables dictionaries).</summary>
    public int DictionaryMaxBytes { get; init; } = 1 << 20;

    /// <summary>
    /// Target false positive probability of the bloom filter written for each dictionary-encoded column chunk
    /// (sized by the dictionary's distinct values); 0 writes no bloom filters.
    /// </summary>
    public double BloomFilterFpp { get; init; } = 0.01;

    /// <summary>The footer's created_by.</summary>
    public string CreatedBy { get; init; } = "QueryEngine";
}
