using System.Buffers.Binary;
using System.Numerics;

namespace QueryEngine.Engine.Common;

/// <summary>XXH64 as specified in the xxHash specification (xxhash_spec.md), little-endian input lanes.</summary>
internal static class XxHash64
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong Prime3 = 0x165667B19E3779F9UL;
    private const ulong Prime4 = 0x85EBCA77C2B2AE63UL;
    private const ulong Prime5 = 0x27D4EB2F165667C5UL;

    public static ulong Hash(ReadOnlySpan<byte> input, ulong seed)
    {
        var length = (ulong)input.Length;
        ulong acc;
        var p = 0;
        if (input.Length >= 32)
        {
            var v1 = seed + Prime1 + Prime2;
            var v2 = seed + Prime2;
            var v3 = seed;
            var v4 = seed - Prime1;
            while (p + 32 <= input.Length)
            {
                v1 = Round(v1, BinaryPrimitives.ReadUInt64LittleEndian(input[p..]));
                v2 = Round(v2, BinaryPrimitives.ReadUInt64LittleEndian(input[(p + 8)..]));
                v3 = Round(v3, BinaryPrimitives.ReadUInt64LittleEndian(input[(p + 16)..]));
                v4 = Round(v4, BinaryPrimitives.ReadUInt64LittleEndian(input[(p + 24)..]));
                p += 32;
            }
            acc = BitOperations.RotateLeft(v1, 1) + BitOperations.RotateLeft(v2, 7) + BitOperations.RotateLeft(v3, 12) + BitOperations.RotateLeft(v4, 18);
            acc = Merge(acc, v1);
            acc = Merge(acc, v2);
            acc = Merge(acc, v3);
            acc = Merge(acc, v4);
        }
        else
        {
            acc = seed + Prime5;
        }
        acc += length;
        while (p + 8 <= input.Length)
        {
            acc ^= Round(0, BinaryPrimitives.ReadUInt64LittleEndian(input[p..]));
            acc = BitOperations.RotateLeft(acc, 27) * Prime1 + Prime4;
            p += 8;
        }
        if (p + 4 <= input.Length)
        {
            acc ^= BinaryPrimitives.ReadUInt32LittleEndian(input[p..]) * Prime1;
            acc = BitOperations.RotateLeft(acc, 23) * Prime2 + Prime3;
            p += 4;
        }
        while (p < input.Length)
        {
            acc ^= input[p] * Prime5;
            acc = BitOperations.RotateLeft(acc, 11) * Prime1;
            p++;
        }
        acc ^= acc >> 33;
        acc *= Prime2;
        acc ^= acc >> 29;
        acc *= Prime3;
        acc ^= acc >> 32;
        return acc;
    }

    private static ulong Round(ulong acc, ulong lane)
    {
        acc += lane * Prime2;
        acc = BitOperations.RotateLeft(acc, 31);
        return acc * Prime1;
    }

    private static ulong Merge(ulong acc, ulong value)
    {
        acc ^= Round(0, value);
        return acc * Prime1 + Prime4;
    }
}
