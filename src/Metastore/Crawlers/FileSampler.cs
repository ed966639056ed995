using System.IO.Compression;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Compression;
using QueryEngine.Engine.Storage;
using QueryEngine.Metastore.Crawlers.Classification;

namespace QueryEngine.Metastore.Crawlers;

/// <summary>Reads the start of a file for classification: the first megabyte, decompressed when the file is gzip, zstd or bzip2.</summary>
internal static class FileSampler
{
    public const int SampleBytes = 1 << 20;

    public static FileSample Sample(IObjectStore store, ObjectInfo file)
    {
        var size = (int)Math.Min(file.Size, SampleBytes);
        var raw = new byte[size];
        var read = store.ReadRange(file.Path, 0, raw);
        if (read < size) Array.Resize(ref raw, read);
        var compression = FileClassifier.CompressionOf(raw);
        if (compression is not (FileCompression.Gzip or FileCompression.Zstd or FileCompression.Bzip2)) return new FileSample(raw, compression, raw, file.Size <= SampleBytes);
        try
        {
            using var input = file.Size <= SampleBytes ? new MemoryStream(raw) : store.OpenRead(file.Path);
            using Stream decompressed = compression switch
            {
                FileCompression.Gzip => new GZipStream(input, CompressionMode.Decompress),
                FileCompression.Zstd => new ZstdDecompressionStream(input),
                _ => new Bzip2DecompressionStream(input),
            };
            var content = new byte[SampleBytes];
            var total = 0;
            while (total < content.Length)
            {
                var n = decompressed.Read(content.AsSpan(total));
                if (n == 0) break;
                total += n;
            }
            var complete = total < content.Length || decompressed.Read(new byte[1]) == 0;
            Array.Resize(ref content, total);
            return new FileSample(raw, compression, content, complete);
        }
        catch (InvalidDataException ex)
        {
            throw new CorruptDataException(file.Path, 0, $"invalid {ClassificationNames.Name(compression)} data: {ex.Message}", ex);
        }
    }
}
