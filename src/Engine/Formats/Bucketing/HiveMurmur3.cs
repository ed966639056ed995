using System.Buffers.Binary;
using System.Numerics;

namespace QueryEngine.Engine.Formats.Bucketing;

/// <summary>
/// The 32-bit Murmur3 hash as Hive computes it (<c>org.apache.hive.common.util.Murmur3.hash32</c>), with Hive's default
/// seed 104729: blocks of four bytes read little-endian, then the one to three tail bytes. Hive's tail differs from the
/// reference Murmur3 for bytes of 0x80 and above: each tail byte is a <em>signed</em> Java byte, sign-extended before it
/// is shifted and XORed in. Bucketing version 2 hashes every value through this function, so the quirk is part of
/// where rows go.
/// </summary>
public static class HiveMurmur3
{
    /// <summary>Hive's default seed (<c>Murmur3.DEFAULT_SEED</c>).</summary>
    public const int DefaultSeed = 104729;

    private const uint C1 = 0xcc9e2d51;
    private const uint C2 = 0x1b873593;

    /// <summary>The hash of <paramref name="data"/> with Hive's default seed.</summary>
    public static int Hash32(ReadOnlySpan<byte> data)
    {
        var hash = unchecked((uint)DefaultSeed);
        var blocks = data.Length >> 2;
        for (var i = 0; i < blocks; i++) hash = MixBlock(BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i << 2, 4)), hash);
        var tail = data[(blocks << 2)..];
        if (tail.Length > 0)
        {
            var k = 0u;
            // Java: k1 ^= data[i] << shift, data[i] a signed byte widened to int with its sign.
            if (tail.Length == 3) k ^= unchecked((uint)((sbyte)tail[2] << 16));
            if (tail.Length >= 2) k ^= unchecked((uint)((sbyte)tail[1] << 8));
            k ^= unchecked((uint)(sbyte)tail[0]);
            hash ^= ScrambleKey(k);
        }
        return Finish(hash, data.Length);
    }

    /// <summary>The hash of a Java <c>short</c> written big-endian (two tail bytes).</summary>
    public static int HashBigEndian(short value)
    {
        var high = (sbyte)(value >> 8);
        var low = (sbyte)value;
        var k = unchecked((uint)((low << 8) ^ high));
        return Finish(unchecked((uint)DefaultSeed) ^ ScrambleKey(k), 2);
    }

    /// <summary>The hash of a Java <c>int</c> written big-endian (one block).</summary>
    public static int HashBigEndian(int value) =>
        Finish(MixBlock(BinaryPrimitives.ReverseEndianness(unchecked((uint)value)), unchecked((uint)DefaultSeed)), 4);

    /// <summary>The hash of a Java <c>long</c> written big-endian (two blocks: the high half first).</summary>
    public static int HashBigEndian(long value)
    {
        var high = BinaryPrimitives.ReverseEndianness(unchecked((uint)(value >> 32)));
        var low = BinaryPrimitives.ReverseEndianness(unchecked((uint)value));
        return Finish(MixBlock(low, MixBlock(high, unchecked((uint)DefaultSeed))), 8);
    }

    private static uint ScrambleKey(uint k) => unchecked(BitOperations.RotateLeft(k * C1, 15) * C2);

    private static uint MixBlock(uint k, uint hash) => unchecked((BitOperations.RotateLeft(hash ^ ScrambleKey(k), 13) * 5) + 0xe6546b64);

    private static int Finish(uint hash, int length)
    {
        unchecked
        {
            hash ^= (uint)length;
            hash ^= hash >> 16;
            hash *= 0x85ebca6b;
            hash ^= hash >> 13;
            hash *= 0xc2b2ae35;
            hash ^= hash >> 16;
            return (int)hash;
        }
    }
}
