using System.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Metastore.Crawlers.Inference;

namespace QueryEngine.Metastore.Crawlers.Classification;

/// <summary>What the classifier found in a file: its classification, compression and (for text) dialect and schema.</summary>
internal sealed record ClassifiedFile(FileClassification Classification, FileCompression Compression, CsvDialect? Dialect, InferredSchema? Schema)
{
    /// <summary>Records in the file (Glue's <c>recordCount</c>): exact or estimated; null when unknown.</summary>
    public long? Records { get; init; }
}

/// <summary>
/// Glue's built-in classifiers in their order: Avro, ORC and Parquet by magic bytes, then JSON lines, then delimited
/// text. Compressed text is recognized by its magic bytes (gzip, zstd and bzip2 are decompressed and classified by their content).
/// </summary>
internal static class FileClassifier
{
    public static ClassifiedFile Classify(FileSample sample, CsvClassifierOptions csv)
    {
        var raw = sample.Raw;
        if (StartsWith(raw, "Obj\u0001"u8)) return new ClassifiedFile(FileClassification.Avro, FileCompression.None, null, null);
        if (StartsWith(raw, "ORC"u8)) return new ClassifiedFile(FileClassification.Orc, FileCompression.None, null, null);
        if (StartsWith(raw, "PAR1"u8)) return new ClassifiedFile(FileClassification.Parquet, FileCompression.None, null, null);
        var text = Encoding.UTF8.GetString(sample.Content);
        if (text.Contains('\0', StringComparison.Ordinal)) return new ClassifiedFile(FileClassification.Unknown, sample.Compression, null, null);
        if (text.TrimStart().StartsWith('{') && JsonLinesInference.Infer(text, sample.Complete) is { } json)
        {
            return new ClassifiedFile(FileClassification.Json, sample.Compression, null, json);
        }
        if (CsvSniffer.Sniff(text, sample.Complete, csv) is var (dialect, columns))
        {
            var schema = new InferredSchema();
            foreach (var column in columns) schema.Add(column.Name, column.Type);
            return new ClassifiedFile(FileClassification.Csv, sample.Compression, dialect, schema);
        }
        return new ClassifiedFile(FileClassification.Unknown, sample.Compression, null, null);
    }

    /// <summary>The compression a file's first bytes announce.</summary>
    public static FileCompression CompressionOf(ReadOnlySpan<byte> start)
    {
        if (start.Length >= 2 && start[0] == 0x1f && start[1] == 0x8b) return FileCompression.Gzip;
        if (start.Length >= 4 && start[0] == (byte)'B' && start[1] == (byte)'Z' && start[2] == (byte)'h' && start[3] is >= (byte)'1' and <= (byte)'9') return FileCompression.Bzip2;
        if (start.Length >= 4 && start[0] == 0x28 && start[1] == 0xb5 && start[2] == 0x2f && start[3] == 0xfd) return FileCompression.Zstd;
        return FileCompression.None;
    }

    private static bool StartsWith(byte[] data, ReadOnlySpan<byte> magic) => data.AsSpan().StartsWith(magic);

    /// <summary>Columns as catalog types (all-NULL columns as string).</summary>
    public static IReadOnlyList<Field> Concrete(InferredSchema schema) =>
        schema.Columns.Select(c => new Field(c.Name, TypeWidening.Concrete(c.Type))).ToArray();
}
