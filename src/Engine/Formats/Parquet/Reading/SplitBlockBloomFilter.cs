using System.Buffers.Binary;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// A split block bloom filter (parquet-format BloomFilter.md): blocks of eight 32-bit words; the upper half of a
/// value's XXH64 picks the block, the lower half sets one bit in each word through the eight salt constants.
/// </summary>
internal sealed class SplitBlockBloomFilter
{
    /// <summary>Bytes in one block (eight little-endian 32-bit words).</summary>
    public const int BlockBytes = 32;

    private static ReadOnlySpan<uint> Salt =>
    [
        0x47b6137bU, 0x44974d91U, 0x8824ad5bU, 0xa2b7289dU,
        0x705495c7U, 0x2df1424bU, 0x9efc4947U, 0x5c6bfb31U,
    ];

    private readonly byte[] _bitset;

    /// <param name="bitset">The filter's bytes: a whole, non-zero number of blocks.</param>
    public SplitBlockBloomFilter(byte[] bitset)
    {
        if (bitset.Length == 0 || bitset.Length % BlockBytes != 0) throw new ArgumentException($"a bloom filter bitset of {bitset.Length} bytes is not a whole number of {BlockBytes}-byte blocks", nameof(bitset));
        _bitset = bitset;
    }

    public int Blocks => _bitset.Length / BlockBytes;

    /// <summary>False when the value with this hash is certainly absent.</summary>
    public bool MightContain(ulong hash)
    {
        var block = _bitset.AsSpan(BlockIndex(hash) * BlockBytes, BlockBytes);
        var key = (uint)hash;
        for (var i = 0; i < 8; i++)
        {
            var word = BinaryPrimitives.ReadUInt32LittleEndian(block[(i * 4)..]);
            if ((word & Mask(key, i)) == 0) return false;
        }
        return true;
    }

    /// <summary>Adds a value by its hash (used by writers and tests).</summary>
    public void Insert(ulong hash)
    {
        var block = _bitset.AsSpan(BlockIndex(hash) * BlockBytes, BlockBytes);
        var key = (uint)hash;
        for (var i = 0; i < 8; i++)
        {
            var slot = block[(i * 4)..];
            BinaryPrimitives.WriteUInt32LittleEndian(slot, BinaryPrimitives.ReadUInt32LittleEndian(slot) | Mask(key, i));
        }
    }

    public ReadOnlySpan<byte> Bitset => _bitset;

    private int BlockIndex(ulong hash) => (int)(((hash >> 32) * (ulong)Blocks) >> 32);

    private static uint Mask(uint key, int i) => 1U << (int)((key * Salt[i]) >> 27);
}
