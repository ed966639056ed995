using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Compression;

/// <summary>
/// The Snappy raw block format (as Parquet uses it): a varint uncompressed length, then literal and copy elements.
/// The compressor is a simple greedy hash-table matcher producing valid, reasonably compact blocks.
/// </summary>
internal static class Snappy
{
    /// <summary>The uncompressed length stored at the start of a block.</summary>
    public static int GetUncompressedLength(ReadOnlySpan<byte> input, string source, long offset)
    {
        var pos = 0;
        return ReadLength(input, ref pos, source, offset);
    }

    /// <summary>Decompresses a block into <paramref name="output"/>, which must be exactly the stored length.</summary>
    public static void Decompress(ReadOnlySpan<byte> input, Span<byte> output, string source, long offset)
    {
        var ip = 0;
        var length = ReadLength(input, ref ip, source, offset);
        if (length != output.Length) throw Corrupt(source, offset, $"uncompressed length {length} differs from the expected {output.Length}");
        var op = 0;
        while (ip < input.Length)
        {
            var tag = input[ip++];
            int len;
            int distance;
            switch (tag & 3)
            {
                case 0:
                    len = tag >> 2;
                    if (len >= 60)
                    {
                        var extra = len - 59;
                        if (ip + extra > input.Length) throw Corrupt(source, offset, "truncated literal length");
                        len = 0;
                        for (var i = 0; i < extra; i++) len |= input[ip + i] << (8 * i);
                        ip += extra;
                        if (len is < 0 or int.MaxValue) throw Corrupt(source, offset, "literal length out of range");
                    }
                    len += 1;
                    if (len > input.Length - ip || len > output.Length - op) throw Corrupt(source, offset, "literal runs past the end");
                    if (len <= 16 && input.Length - ip >= 16 && output.Length - op >= 16)
                    {
                        // Short literal: two unaligned 8-byte moves (the bytes past len are overwritten later).
                        ref var src = ref Unsafe.Add(ref MemoryMarshal.GetReference(input), ip);
                        ref var dst = ref Unsafe.Add(ref MemoryMarshal.GetReference(output), op);
                        Unsafe.WriteUnaligned(ref dst, Unsafe.ReadUnaligned<ulong>(ref src));
                        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, 8), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, 8)));
                        ip += len;
                        op += len;
                        continue;
                    }
                    input.Slice(ip, len).CopyTo(output[op..]);
                    ip += len;
                    op += len;
                    continue;
                case 1:
                    if (ip >= input.Length) throw Corrupt(source, offset, "truncated copy");
                    len = ((tag >> 2) & 7) + 4;
                    distance = ((tag >> 5) << 8) | input[ip++];
                    break;
                case 2:
                    if (ip + 2 > input.Length) throw Corrupt(source, offset, "truncated copy");
                    len = (tag >> 2) + 1;
                    distance = BinaryPrimitives.ReadUInt16LittleEndian(input[ip..]);
                    ip += 2;
                    break;
                default:
                    if (ip + 4 > input.Length) throw Corrupt(source, offset, "truncated copy");
                    len = (tag >> 2) + 1;
                    distance = BinaryPrimitives.ReadInt32LittleEndian(input[ip..]);
                    ip += 4;
                    break;
            }
            if (distance <= 0 || distance > op) throw Corrupt(source, offset, $"copy offset {distance} outside the output");
            if (len > output.Length - op) throw Corrupt(source, offset, "copy runs past the end of the output");
            if (distance >= 8 && output.Length - op >= len + 8)
            {
                // Forward 8-byte moves: with distance >= 8 every move reads bytes already written.
                ref var dst = ref Unsafe.Add(ref MemoryMarshal.GetReference(output), op);
                ref var src = ref Unsafe.Subtract(ref dst, distance);
                for (var i = 0; i < len; i += 8) Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, i), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, i)));
                op += len;
                continue;
            }
            if (distance >= len)
            {
                output.Slice(op - distance, len).CopyTo(output[op..]);
                op += len;
            }
            else
            {
                for (var i = 0; i < len; i++, op++) output[op] = output[op - distance];
            }
        }
        if (op != output.Length) throw Corrupt(source, offset, $"block produced {op} bytes, expected {output.Length}");
    }

    /// <summary>Upper bound of the compressed size of <paramref name="length"/> bytes.</summary>
    public static int MaxCompressedLength(int length) => 32 + length + (length / 6);

    /// <summary>Compresses <paramref name="input"/>; returns the number of bytes written to <paramref name="output"/>.</summary>
    public static int Compress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var op = 0;
        var n = (uint)input.Length;
        while (n >= 0x80)
        {
            output[op++] = (byte)(n | 0x80);
            n >>= 7;
        }
        output[op++] = (byte)n;
        const int HashBits = 14;
        Span<int> table = stackalloc int[1 << HashBits];
        // Blocks of 64 KiB keep offsets within 2-byte copies and the table positions relative.
        for (var blockStart = 0; blockStart < input.Length; blockStart += 1 << 16)
        {
            var block = input.Slice(blockStart, Math.Min(1 << 16, input.Length - blockStart));
            table.Fill(-1);
            var literalStart = 0;
            var ip = 0;
            while (ip + 4 <= block.Length)
            {
                var word = BinaryPrimitives.ReadUInt32LittleEndian(block[ip..]);
                var h = (int)((word * 0x1E35A7BDu) >> (32 - HashBits));
                var candidate = table[h];
                table[h] = ip;
                if (candidate < 0 || BinaryPrimitives.ReadUInt32LittleEndian(block[candidate..]) != word)
                {
                    ip++;
                    continue;
                }
                var matchLength = 4;
                while (ip + matchLength < block.Length && block[candidate + matchLength] == block[ip + matchLength]) matchLength++;
                op = EmitLiteral(block[literalStart..ip], output, op);
                op = EmitCopy(ip - candidate, matchLength, output, op);
                ip += matchLength;
                literalStart = ip;
            }
            op = EmitLiteral(block[literalStart..], output, op);
        }
        return op;
    }

    private static int EmitLiteral(ReadOnlySpan<byte> literal, Span<byte> output, int op)
    {
        if (literal.Length == 0) return op;
        var n = literal.Length - 1;
        if (n < 60)
        {
            output[op++] = (byte)(n << 2);
        }
        else if (n < 1 << 8)
        {
            output[op++] = 60 << 2;
            output[op++] = (byte)n;
        }
        else
        {
            output[op++] = 61 << 2;
            output[op++] = (byte)n;
            output[op++] = (byte)(n >> 8);
        }
        literal.CopyTo(output[op..]);
        return op + literal.Length;
    }

    private static int EmitCopy(int offset, int length, Span<byte> output, int op)
    {
        while (length > 0)
        {
            var len = Math.Min(length, 64);
            if (length - len is > 0 and < 4) len = length - 4;
            output[op++] = (byte)(((len - 1) << 2) | 2);
            output[op++] = (byte)offset;
            output[op++] = (byte)(offset >> 8);
            length -= len;
        }
        return op;
    }

    private static int ReadLength(ReadOnlySpan<byte> input, ref int pos, string source, long offset)
    {
        uint result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (pos >= input.Length) throw Corrupt(source, offset, "truncated length header");
            var b = input[pos++];
            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                if (result > int.MaxValue) throw Corrupt(source, offset, "length out of range");
                return (int)result;
            }
        }
        throw Corrupt(source, offset, "length header longer than 5 bytes");
    }

    private static CorruptDataException Corrupt(string source, long offset, string message) => new(source, offset, "invalid Snappy data: " + message);
}
