using System.Runtime.InteropServices;

namespace QueryEngine.Engine.Compression;

/// <summary>P/Invoke declarations of the system's liblz4 (Debian package liblz4-1): the LZ4 frame format (lz4frame.h).</summary>
internal static partial class NativeLz4Frame
{
    private const string Library = "liblz4.so.1";

    /// <summary>LZ4F_VERSION: the API version a decompression context is created for.</summary>
    public const uint Version = 100;

    [LibraryImport(Library, EntryPoint = "LZ4F_compressFrameBound")]
    public static partial nuint CompressFrameBound(nuint srcSize, nint preferences);

    [LibraryImport(Library, EntryPoint = "LZ4F_compressFrame")]
    public static unsafe partial nuint CompressFrame(byte* dst, nuint dstCapacity, byte* src, nuint srcSize, nint preferences);

    [LibraryImport(Library, EntryPoint = "LZ4F_createDecompressionContext")]
    public static unsafe partial nuint CreateDecompressionContext(nint* context, uint version);

    [LibraryImport(Library, EntryPoint = "LZ4F_freeDecompressionContext")]
    public static partial nuint FreeDecompressionContext(nint context);

    [LibraryImport(Library, EntryPoint = "LZ4F_decompress")]
    public static unsafe partial nuint Decompress(nint context, byte* dst, nuint* dstSize, byte* src, nuint* srcSize, nint options);

    [LibraryImport(Library, EntryPoint = "LZ4F_isError")]
    public static partial uint IsError(nuint code);
}
