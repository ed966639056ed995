namespace QueryEngine.Engine.Formats;

/// <summary>The codec a text file is stored with.</summary>
internal enum TextCodec
{
    None,
    Gzip,
    Zlib,
    Zstd,
    Bzip2,
}
