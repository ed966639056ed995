namespace QueryEngine.Cli.Demo;

/// <summary>
/// SplitMix64: a tiny generator whose sequence is fixed by its seed on every platform and .NET version
/// (System.Random promises no such thing), so the sample data is the same everywhere.
/// </summary>
internal struct SampleRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [min, max] (both inclusive).</summary>
    public int Next(int min, int max) => (int)(min + (long)(NextUInt64() % (ulong)((long)max - min + 1)));

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(0, items.Count - 1)];
}
