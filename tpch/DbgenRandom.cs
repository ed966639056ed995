namespace QueryEngine.Tpch;

/// <summary>
/// dbgen's random number arithmetic: the Park–Miller "minimum standard" LCG
/// (x' = 16807·x mod 2^31−1), its O(log n) skip-ahead, and <c>UnifInt</c>'s scaling to a range.
/// </summary>
internal static class DbgenRandom
{
    public const long Multiplier = 16807;
    public const long Modulus = 2147483647;
    private const double ModulusDouble = 2147483647.0;
    private const long MaxLong = 0x7FFFFFFF;

    /// <summary>The next value of the sequence.</summary>
    public static long Next(long seed) => seed * Multiplier % Modulus;

    /// <summary>The value after <paramref name="count"/> applications of <see cref="Next"/> (dbgen's NthElement).</summary>
    public static long Skip(long seed, long count)
    {
        long mult = Multiplier;
        long z = seed;
        while (count > 0)
        {
            if ((count & 1) != 0)
            {
                z = mult * z % Modulus;
            }

            count >>= 1;
            mult = mult * mult % Modulus;
        }

        return z;
    }

    /// <summary>
    /// Maps a freshly drawn <paramref name="value"/> to [low, high] exactly as dbgen's UnifInt does,
    /// including its 32-bit wrap of the range for [0, 2^31−1].
    /// </summary>
    public static long Scale(long value, long low, long high)
    {
        double range;
        if (high == MaxLong && low == 0)
        {
            range = unchecked((int)high - (int)low + 1);
        }
        else
        {
            range = high - low + 1;
        }

        return low + (long)(value / ModulusDouble * range);
    }
}
