namespace QueryEngine.Engine.Columnar.Ipc;

/// <summary>
/// Record batch body compression (Message.fbs <c>BodyCompression</c>, method BUFFER): each buffer on its own,
/// prefixed by its uncompressed length. <see cref="Lz4Frame"/> and <see cref="Zstd"/> are the
/// <c>CompressionType</c> codes plus one.
/// </summary>
public enum IpcCompression
{
    None = 0,
    Lz4Frame = 1,
    Zstd = 2,
}

/// <summary>Names of <see cref="IpcCompression"/> as options and headers spell them.</summary>
public static class IpcCompressionNames
{
    /// <summary>"none", "lz4" / "lz4_frame", "zstd" (any case); null for anything else.</summary>
    public static IpcCompression? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "none" or "" => IpcCompression.None,
        "lz4" or "lz4_frame" => IpcCompression.Lz4Frame,
        "zstd" => IpcCompression.Zstd,
        _ => null,
    };

    public static string Name(IpcCompression compression) => compression switch
    {
        IpcCompression.Lz4Frame => "lz4_frame",
        IpcCompression.Zstd => "zstd",
        _ => "none",
    };
}
