using System.Numerics;

namespace QueryEngine.Engine.Writing;

/// <summary>
/// A HyperLogLog estimate of the number of distinct values (2^11 registers, about 2% standard error), with the
/// linear-counting correction for small counts; fed 64-bit hashes.
/// </summary>
internal sealed class DistinctSketch
{
    private const int Bits = 11;
    private const int Registers = 1 << Bits;
    private readonly byte[] _registers = new byte[Registers];

    public void Add(ulong hash)
    {
        var index = (int)(hash >> (64 - Bits));
        var rest = (hash << Bits) | (1UL << (Bits - 1));
        var rank = (byte)(BitOperations.LeadingZeroCount(rest) + 1);
        if (rank > _registers[index]) _registers[index] = rank;
    }

    public void Merge(DistinctSketch other)
    {
        for (var i = 0; i < Registers; i++)
        {
            if (other._registers[i] > _registers[i]) _registers[i] = other._registers[i];
        }
    }

    public long Estimate()
    {
        double sum = 0;
        var zeros = 0;
        foreach (var r in _registers)
        {
            sum += Math.ScaleB(1.0, -r);
            if (r == 0) zeros++;
        }
        const double alpha = 0.7213 / (1 + (1.079 / Registers));
        var estimate = alpha * Registers * Registers / sum;
        if (estimate <= 2.5 * Registers && zeros > 0) estimate = Registers * Math.Log((double)Registers / zeros);
        return (long)Math.Round(estimate);
    }
}
