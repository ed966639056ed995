namespace QueryEngine.Metastore.Crawlers.Classification;

/// <summary>
/// The first bytes of a file as the crawler read them (decompressed when the file is gzip or zstd), and whether that is the
/// whole content.
/// </summary>
internal sealed record FileSample(byte[] Raw, FileCompression Compression, byte[] Content, bool Complete);
