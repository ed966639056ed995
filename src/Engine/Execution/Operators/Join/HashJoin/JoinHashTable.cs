namespace QueryEngine.Engine.Execution.Operators.Join.HashJoin;

/// <summary>
/// The build side's hash table: buckets (power of two) hold the first build row of a chain, <c>next</c> links rows
/// with the same bucket; rows are indices into the concatenated build batch. Chains list rows in build order.
/// Rows with a null key are left out unless nulls compare equal.
/// </summary>
internal sealed class JoinHashTable
{
    private readonly int[] _buckets;
    private readonly int[] _next;
    private readonly JoinKeys _keys;
    private readonly int _mask;

    public JoinHashTable(JoinKeys keys, bool nullsEqual)
    {
        _keys = keys;
        var capacity = 16;
        while (capacity < keys.Rows * 2 && capacity < 1 << 30) capacity <<= 1;
        _mask = capacity - 1;
        _buckets = new int[capacity];
        _buckets.AsSpan().Fill(-1);
        _next = new int[keys.Rows];
        var hashes = keys.Hashes;
        for (var row = keys.Rows - 1; row >= 0; row--)
        {
            if (!nullsEqual && keys.HasNull(row)) continue;
            var bucket = (int)hashes[row] & _mask;
            _next[row] = _buckets[bucket];
            _buckets[bucket] = row;
        }
    }

    /// <summary>First build row whose bucket matches <paramref name="hash"/>, or -1.</summary>
    public int First(ulong hash) => _buckets[(int)hash & _mask];

    public int Next(int row) => _next[row];

    /// <summary>Whether build row <paramref name="row"/> has the key of probe row <paramref name="probeRow"/>.</summary>
    public bool Matches(int row, JoinKeys probe, int probeRow) =>
        _keys.Hashes[row] == probe.Hashes[probeRow] && _keys.KeyEquals(row, probe, probeRow);
}
