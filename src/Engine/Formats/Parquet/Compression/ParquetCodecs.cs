using System.IO.Compression;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Compression;
using QueryEngine.Engine.Formats.Parquet.Metadata;

namespace QueryEngine.Engine.Formats.Parquet.Compression;

/// <summary>
/// Page (de)compression for the Parquet codecs: UNCOMPRESSED, SNAPPY (managed), GZIP (System.IO.Compression),
/// ZSTD and LZ4_RAW (the system's libzstd.so.1 / liblz4.so.1). Errors name the file, the byte offset of the
/// page and the codec.
/// </summary>
internal static class ParquetCodecs
{
    /// <summary>Decompresses a whole page into <paramref name="output"/> (exactly the uncompressed page size).</summary>
    public static void Decompress(CompressionCodec codec, ReadOnlySpan<byte> input, Span<byte> output, string source, long offset)
    {
        switch (codec)
        {
            case CompressionCodec.Uncompressed:
                if (input.Length != output.Length) throw new CorruptDataException(source, offset, $"uncompressed page of {input.Length} bytes declares {output.Length} bytes");
                input.CopyTo(output);
                return;
            case CompressionCodec.Snappy:
                Snappy.Decompress(input, output, source, offset);
                return;
            case CompressionCodec.Gzip:
                Inflate(input, output, source, offset);
                return;
            case CompressionCodec.Zstd:
                Zstd(input, output, source, offset);
                return;
            case CompressionCodec.Lz4Raw:
                Lz4(input, output, source, offset);
                return;
            case CompressionCodec.Lzo:
            case CompressionCodec.Brotli:
            case CompressionCodec.Lz4:
                throw new NotSupportedQueryException($"{source} at byte {offset}: Parquet compression codec {Name(codec)} is not supported");
            default:
                throw new CorruptDataException(source, offset, $"unknown Parquet compression codec {Name(codec)}");
        }
    }

    /// <summary>Compresses a page with <paramref name="codec"/>.</summary>
    public static byte[] Compress(CompressionCodec codec, ReadOnlySpan<byte> input)
    {
        switch (codec)
        {
            case CompressionCodec.Uncompressed:
                return input.ToArray();
            case CompressionCodec.Snappy:
                {
                    var buffer = new byte[Snappy.MaxCompressedLength(input.Length)];
                    var n = Snappy.Compress(input, buffer);
                    return buffer.AsSpan(0, n).ToArray();
                }
            case CompressionCodec.Gzip:
                {
                    using var ms = new MemoryStream();
                    using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(input);
                    return ms.ToArray();
                }
            case CompressionCodec.Zstd:
                return ZstdCompress(input);
            case CompressionCodec.Lz4Raw:
                return Lz4Compress(input);
            default:
                throw new NotSupportedQueryException($"writing Parquet compression codec {Name(codec)} is not supported");
        }
    }

    public static string Name(CompressionCodec codec) => codec switch
    {
        CompressionCodec.Uncompressed => "UNCOMPRESSED",
        CompressionCodec.Snappy => "SNAPPY",
        CompressionCodec.Gzip => "GZIP",
        CompressionCodec.Lzo => "LZO",
        CompressionCodec.Brotli => "BROTLI",
        CompressionCodec.Lz4 => "LZ4 (hadoop framing)",
        CompressionCodec.Zstd => "ZSTD",
        CompressionCodec.Lz4Raw => "LZ4_RAW",
        _ => "#" + ((int)codec).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static void Inflate(ReadOnlySpan<byte> input, Span<byte> output, string source, long offset)
    {
        try
        {
            unsafe
            {
                fixed (byte* p = input)
                {
                    using var stream = new UnmanagedMemoryStream(p, input.Length);
                    using var gz = new GZipStream(stream, CompressionMode.Decompress);
                    var total = 0;
                    while (total < output.Length)
                    {
                        var n = gz.Read(output[total..]);
                        if (n == 0) break;
                        total += n;
                    }
                    if (total != output.Length) throw new CorruptDataException(source, offset, $"GZIP page inflated to {total} bytes, expected {output.Length}");
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new CorruptDataException(source, offset, "invalid GZIP data: " + ex.Message, ex);
        }
    }

    private static unsafe void Zstd(ReadOnlySpan<byte> input, Span<byte> output, string source, long offset)
    {
        nuint n;
        try
        {
            fixed (byte* src = input)
            fixed (byte* dst = output)
            {
                n = NativeZstd.Decompress(dst, (nuint)output.Length, src, (nuint)input.Length);
            }
        }
        catch (DllNotFoundException ex)
        {
            throw new NotSupportedQueryException($"{source} at byte {offset}: ZSTD needs the system library libzstd.so.1 (Debian package libzstd1): {ex.Message}");
        }
        if (NativeZstd.IsError(n) != 0) throw new CorruptDataException(source, offset, "invalid ZSTD data");
        if (n != (nuint)output.Length) throw new CorruptDataException(source, offset, $"ZSTD page decompressed to {n} bytes, expected {output.Length}");
    }

    private static unsafe void Lz4(ReadOnlySpan<byte> input, Span<byte> output, string source, long offset)
    {
        int n;
        try
        {
            fixed (byte* src = input)
            fixed (byte* dst = output)
            {
                n = NativeLz4.DecompressSafe(src, dst, input.Length, output.Length);
            }
        }
        catch (DllNotFoundException ex)
        {
            throw new NotSupportedQueryException($"{source} at byte {offset}: LZ4_RAW needs the system library liblz4.so.1 (Debian package liblz4-1): {ex.Message}");
        }
        if (n < 0) throw new CorruptDataException(source, offset, "invalid LZ4 data");
        if (n != output.Length) throw new CorruptDataException(source, offset, $"LZ4 page decompressed to {n} bytes, expected {output.Length}");
    }

    private static unsafe byte[] ZstdCompress(ReadOnlySpan<byte> input)
    {
        var buffer = new byte[(int)NativeZstd.CompressBound((nuint)input.Length)];
        nuint n;
        fixed (byte* src = input)
        fixed (byte* dst = buffer)
        {
            n = NativeZstd.Compress(dst, (nuint)buffer.Length, src, (nuint)input.Length, 3);
        }
        if (NativeZstd.IsError(n) != 0) throw new InternalException("ZSTD compression failed");
        return buffer.AsSpan(0, (int)n).ToArray();
    }

    private static unsafe byte[] Lz4Compress(ReadOnlySpan<byte> input)
    {
        var buffer = new byte[NativeLz4.CompressBound(input.Length)];
        int n;
        fixed (byte* src = input)
        fixed (byte* dst = buffer)
        {
            n = NativeLz4.CompressDefault(src, dst, input.Length, buffer.Length);
        }
        if (n <= 0) throw new InternalException("LZ4 compression failed");
        return buffer.AsSpan(0, n).ToArray();
    }
}
