using System.Buffers.Binary;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Compression;

namespace QueryEngine.Engine.Columnar.Ipc;

/// <summary>
/// One body buffer under <c>BodyCompression</c> (Message.fbs): an int64 little-endian uncompressed length, then the
/// codec's frame; the length -1 marks a buffer stored as is (compression did not make it smaller).
/// </summary>
internal static class IpcBufferCompression
{
    public const int PrefixLength = 8;
    private const long StoredAsIs = -1;

    /// <summary>Largest uncompressed buffer accepted from a peer.</summary>
    private const int MaxUncompressed = 1024 * 1024 * 1024;

    /// <summary>The prefix and payload of <paramref name="bytes"/> (not empty) compressed with <paramref name="codec"/>.</summary>
    public static (long Prefix, byte[]? Compressed) Compress(IpcCompression codec, ReadOnlySpan<byte> bytes)
    {
        var compressed = codec switch
        {
            IpcCompression.Lz4Frame => FrameCodecs.Lz4FrameCompress(bytes),
            IpcCompression.Zstd => FrameCodecs.ZstdCompress(bytes),
            _ => throw new ArgumentOutOfRangeException(nameof(codec)),
        };
        return compressed.Length < bytes.Length ? (bytes.Length, compressed) : (StoredAsIs, null);
    }

    public static void WritePrefix(Span<byte> destination, long prefix) => BinaryPrimitives.WriteInt64LittleEndian(destination, prefix);

    /// <summary>
    /// The uncompressed bytes of a compressed buffer (empty buffers have no prefix and stay empty). The frame is
    /// decoded to its end and its own size counts: the prefix only sizes the output, because arrow-js 21 writes the
    /// compressed length there. The field nodes still check that every buffer holds what the schema needs.
    /// </summary>
    public static ReadOnlyMemory<byte> Decompress(IpcCompression codec, ReadOnlyMemory<byte> buffer)
    {
        if (buffer.Length == 0) return buffer;
        if (buffer.Length < PrefixLength) throw new ProtocolException($"Arrow IPC: a compressed buffer of {buffer.Length} bytes has no length prefix");
        var length = BinaryPrimitives.ReadInt64LittleEndian(buffer.Span);
        var payload = buffer[PrefixLength..];
        if (length == StoredAsIs) return payload;
        if (length < 0) throw new ProtocolException($"Arrow IPC: compressed buffer with length prefix {length}");
        var hint = (int)Math.Min(length, MaxUncompressed);
        return codec switch
        {
            IpcCompression.Lz4Frame => FrameCodecs.Lz4FrameDecompress(payload.Span, hint, MaxUncompressed, "Arrow IPC buffer"),
            IpcCompression.Zstd => FrameCodecs.ZstdDecompress(payload.Span, hint, MaxUncompressed, "Arrow IPC buffer"),
            _ => throw new ArgumentOutOfRangeException(nameof(codec)),
        };
    }
}
