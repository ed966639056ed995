using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Compression;

/// <summary>
/// Whole-buffer compression in self-describing frames: the LZ4 frame format and the Zstandard frame format,
/// through the system's liblz4 and libzstd. Decompression knows the exact size to expect and checks it.
/// </summary>
public static class FrameCodecs
{
    private const int ZstdLevel = 1;

    public static unsafe byte[] Lz4FrameCompress(ReadOnlySpan<byte> input)
    {
        try
        {
            var buffer = new byte[checked((int)NativeLz4Frame.CompressFrameBound((nuint)input.Length, 0))];
            nuint n;
            fixed (byte* src = input)
            fixed (byte* dst = buffer)
            {
                n = NativeLz4Frame.CompressFrame(dst, (nuint)buffer.Length, src, (nuint)input.Length, 0);
            }
            if (NativeLz4Frame.IsError(n) != 0) throw new InternalException("LZ4 frame compression failed");
            return buffer.AsSpan(0, (int)n).ToArray();
        }
        catch (DllNotFoundException ex)
        {
            throw MissingLibrary("LZ4_FRAME", "liblz4.so.1 (Debian package liblz4-1)", ex);
        }
    }

    /// <summary>
    /// Decompresses LZ4 frames to their end. <paramref name="sizeHint"/> sizes the output first; it grows (up to
    /// <paramref name="maxSize"/>) when the frames hold more. <paramref name="where"/> names the data in errors.
    /// </summary>
    public static unsafe ReadOnlyMemory<byte> Lz4FrameDecompress(ReadOnlySpan<byte> input, int sizeHint, int maxSize, string where)
    {
        nint context = 0;
        try
        {
            if (NativeLz4Frame.IsError(NativeLz4Frame.CreateDecompressionContext(&context, NativeLz4Frame.Version)) != 0)
            {
                throw new InternalException("cannot create an LZ4 decompression context");
            }
            var output = new byte[Math.Clamp(sizeHint, 64, maxSize)];
            var read = 0;
            var written = 0;
            nuint hint = 1; // 0 once a frame is complete
            fixed (byte* src = input)
            {
                while (hint != 0 || read < input.Length)
                {
                    if (written == output.Length) output = Grow(output, maxSize, "LZ4", where);
                    var dstSize = (nuint)(output.Length - written);
                    var srcSize = (nuint)(input.Length - read);
                    fixed (byte* dst = output)
                    {
                        hint = NativeLz4Frame.Decompress(context, dst + written, &dstSize, src + read, &srcSize, 0);
                    }
                    if (NativeLz4Frame.IsError(hint) != 0) throw new ProtocolException($"{where}: invalid LZ4 frame data");
                    read += (int)srcSize;
                    written += (int)dstSize;
                    if (srcSize == 0 && dstSize == 0 && written < output.Length) throw new ProtocolException($"{where}: truncated LZ4 frame");
                }
            }
            return output.AsMemory(0, written);
        }
        catch (DllNotFoundException ex)
        {
            throw MissingLibrary("LZ4_FRAME", "liblz4.so.1 (Debian package liblz4-1)", ex);
        }
        finally
        {
            if (context != 0) NativeLz4Frame.FreeDecompressionContext(context);
        }
    }

    public static unsafe byte[] ZstdCompress(ReadOnlySpan<byte> input)
    {
        try
        {
            var buffer = new byte[checked((int)NativeZstd.CompressBound((nuint)input.Length))];
            nuint n;
            fixed (byte* src = input)
            fixed (byte* dst = buffer)
            {
                n = NativeZstd.Compress(dst, (nuint)buffer.Length, src, (nuint)input.Length, ZstdLevel);
            }
            if (NativeZstd.IsError(n) != 0) throw new InternalException("ZSTD compression failed");
            return buffer.AsSpan(0, (int)n).ToArray();
        }
        catch (DllNotFoundException ex)
        {
            throw MissingLibrary("ZSTD", "libzstd.so.1 (Debian package libzstd1)", ex);
        }
    }

    /// <summary>
    /// Decompresses Zstandard frames to their end. <paramref name="sizeHint"/> sizes the output first; it grows (up
    /// to <paramref name="maxSize"/>) when the frames hold more. <paramref name="where"/> names the data in errors.
    /// </summary>
    public static unsafe ReadOnlyMemory<byte> ZstdDecompress(ReadOnlySpan<byte> input, int sizeHint, int maxSize, string where)
    {
        nint stream = 0;
        try
        {
            stream = NativeZstd.CreateDStream();
            if (stream == 0) throw new InternalException("cannot create a ZSTD decompression stream");
            var output = new byte[Math.Clamp(sizeHint, 64, maxSize)];
            var written = 0;
            nuint last = 1;
            fixed (byte* src = input)
            {
                var inBuffer = new NativeZstd.StreamBuffer { Data = src, Size = (nuint)input.Length, Position = 0 };
                while (inBuffer.Position < inBuffer.Size || last != 0)
                {
                    if (written == output.Length) output = Grow(output, maxSize, "ZSTD", where);
                    fixed (byte* dst = output)
                    {
                        var outBuffer = new NativeZstd.StreamBuffer { Data = dst, Size = (nuint)output.Length, Position = (nuint)written };
                        var before = inBuffer.Position;
                        last = NativeZstd.DecompressStream(stream, &outBuffer, &inBuffer);
                        if (NativeZstd.IsError(last) != 0) throw new ProtocolException($"{where}: invalid ZSTD data");
                        var progressed = (int)outBuffer.Position != written || inBuffer.Position != before;
                        written = (int)outBuffer.Position;
                        if (!progressed && written < output.Length) throw new ProtocolException($"{where}: truncated ZSTD frame");
                    }
                }
            }
            return output.AsMemory(0, written);
        }
        catch (DllNotFoundException ex)
        {
            throw MissingLibrary("ZSTD", "libzstd.so.1 (Debian package libzstd1)", ex);
        }
        finally
        {
            if (stream != 0) NativeZstd.FreeDStream(stream);
        }
    }

    private static byte[] Grow(byte[] output, int maxSize, string codec, string where)
    {
        if (output.Length >= maxSize) throw new ProtocolException($"{where}: {codec} data decompresses to more than {maxSize} bytes");
        var grown = new byte[(int)Math.Min((long)output.Length * 2, maxSize)];
        output.CopyTo(grown, 0);
        return grown;
    }

    private static NotSupportedQueryException MissingLibrary(string codec, string library, DllNotFoundException ex) =>
        new($"{codec} needs the system library {library}: {ex.Message}");
}
