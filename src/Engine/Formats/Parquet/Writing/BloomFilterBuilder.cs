using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Parquet.Encodings;
using QueryEngine.Engine.Formats.Parquet.Reading;

namespace QueryEngine.Engine.Formats.Parquet.Writing;

/// <summary>
/// Builds the split-block bloom filter of a dictionary-encoded column chunk (parquet-format BloomFilter.md): every
/// distinct value's XXH64 (seed 0) of its PLAIN encoding (a byte array without its length prefix) is inserted into a
/// bitset sized for the number of distinct values and the target false positive probability.
/// </summary>
internal static class BloomFilterBuilder
{
    /// <summary>Largest bitset written (the spec's writers cap filters at 128 MiB).</summary>
    private const int MaxBytes = 128 << 20;

    /// <summary>
    /// Bytes of a bitset for <paramref name="distinct"/> values at false positive probability <paramref name="fpp"/>:
    /// the spec's bound m = -8 n / ln(1 - p^(1/8)) bits, rounded up to a power of two between one block and 128 MiB.
    /// </summary>
    public static int BitsetBytes(int distinct, double fpp)
    {
        var bits = -8.0 * Math.Max(1, distinct) / Math.Log(1 - Math.Pow(fpp, 1.0 / 8));
        var bytes = (long)Math.Ceiling(bits / 8);
        var size = (long)SplitBlockBloomFilter.BlockBytes;
        while (size < bytes && size < MaxBytes) size <<= 1;
        return (int)size;
    }

    /// <summary>The bitset holding every value of <paramref name="dictionary"/>.</summary>
    public static byte[] Build(ValueBuffer dictionary, double fpp)
    {
        var bitset = new byte[BitsetBytes(dictionary.Count, fpp)];
        var filter = new SplitBlockBloomFilter(bitset);
        for (var i = 0; i < dictionary.Count; i++)
        {
            var value = dictionary.Width == 0 ? dictionary.Get(i) : dictionary.GetFixed(i);
            filter.Insert(XxHash64.Hash(value, 0));
        }
        return bitset;
    }
}
