using System.Runtime.InteropServices;

namespace QueryEngine.Engine.Compression;

/// <summary>P/Invoke declarations of the system's libzstd (Debian package libzstd1).</summary>
internal static partial class NativeZstd
{
    private const string Library = "libzstd.so.1";

    [LibraryImport(Library, EntryPoint = "ZSTD_decompress")]
    public static unsafe partial nuint Decompress(byte* dst, nuint dstCapacity, byte* src, nuint srcSize);

    [LibraryImport(Library, EntryPoint = "ZSTD_compress")]
    public static unsafe partial nuint Compress(byte* dst, nuint dstCapacity, byte* src, nuint srcSize, int compressionLevel);

    [LibraryImport(Library, EntryPoint = "ZSTD_compressBound")]
    public static partial nuint CompressBound(nuint srcSize);

    [LibraryImport(Library, EntryPoint = "ZSTD_createDStream")]
    public static partial nint CreateDStream();

    [LibraryImport(Library, EntryPoint = "ZSTD_freeDStream")]
    public static partial nuint FreeDStream(nint stream);

    [LibraryImport(Library, EntryPoint = "ZSTD_decompressStream")]
    public static unsafe partial nuint DecompressStream(nint stream, StreamBuffer* output, StreamBuffer* input);

    /// <summary>ZSTD_inBuffer / ZSTD_outBuffer: the data, its size and how far the call got.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct StreamBuffer
    {
        public byte* Data;
        public nuint Size;
        public nuint Position;
    }

    [LibraryImport(Library, EntryPoint = "ZSTD_isError")]
    public static partial uint IsError(nuint code);
}
