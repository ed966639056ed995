using System.Runtime.InteropServices;

namespace QueryEngine.Engine.Compression;

/// <summary>P/Invoke declarations of the system's liblz4 (Debian package liblz4-1): the raw block format.</summary>
internal static partial class NativeLz4
{
    private const string Library = "liblz4.so.1";

    [LibraryImport(Library, EntryPoint = "LZ4_decompress_safe")]
    public static unsafe partial int DecompressSafe(byte* src, byte* dst, int compressedSize, int dstCapacity);

    [LibraryImport(Library, EntryPoint = "LZ4_compress_default")]
    public static unsafe partial int CompressDefault(byte* src, byte* dst, int srcSize, int dstCapacity);

    [LibraryImport(Library, EntryPoint = "LZ4_compressBound")]
    public static partial int CompressBound(int inputSize);
}
