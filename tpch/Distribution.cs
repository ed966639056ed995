using System.Text;

namespace QueryEngine.Tpch;

/// <summary>
/// One named dists.dss distribution: tokens with running-sum weights. Pick is dbgen's
/// pick_str: draw j in [1, total weight], take the first token whose running weight reaches j.
/// </summary>
internal sealed class Distribution
{
    private readonly int[] _indexByDraw;

    public Distribution(string name, string[] tokens, int[] runningWeights)
    {
        Name = name;
        Tokens = tokens;
        Utf8 = new byte[tokens.Length][];
        for (var i = 0; i < tokens.Length; i++)
        {
            Utf8[i] = Encoding.ASCII.GetBytes(tokens[i]);
        }

        RunningWeights = runningWeights;
        Total = runningWeights.Length == 0 ? 0 : runningWeights[^1];
        _indexByDraw = new int[Math.Max(Total, 0) + 1];
        var index = 0;
        for (var j = 1; j <= Total; j++)
        {
            while (runningWeights[index] < j)
            {
                index++;
            }

            _indexByDraw[j] = index;
        }
    }

    public string Name { get; }

    public string[] Tokens { get; }

    public byte[][] Utf8 { get; }

    /// <summary>Running sums of the weights (what dbgen stores as each member's weight).</summary>
    public int[] RunningWeights { get; }

    public int Total { get; }

    public int Count => Tokens.Length;

    /// <summary>Picks a token index with one draw from <paramref name="stream"/>.</summary>
    public int Pick(RowStreams streams, int stream) => _indexByDraw[streams.Random(1, Total, stream)];

    /// <summary>Picks a token index with one draw from a single free-standing LCG.</summary>
    public int Pick(ref long seed)
    {
        seed = DbgenRandom.Next(seed);
        return _indexByDraw[DbgenRandom.Scale(seed, 1, Total)];
    }
}
