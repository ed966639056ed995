namespace QueryEngine.Engine.Formats.Csv;

/// <summary>How a text file is compressed.</summary>
public enum TextCompression
{
    /// <summary>Gzip when the name ends in <c>.gz</c> or the file starts with the gzip magic bytes 1f 8b, zstd when it ends in <c>.zst</c> or starts with 28 b5 2f fd, else none.</summary>
    Auto,

    None,

    Gzip,
}
