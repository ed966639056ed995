namespace QueryEngine.Tpch;

/// <summary>
/// The random streams one table's generator draws from. Every stream has a per-row budget of draws
/// (dbgen's seed boundary); after each row the unused draws are skipped (dbgen's row_stop), so the state
/// at row r is seed·16807^((r−1)·budget): any row range can start at the right state.
/// </summary>
internal sealed class RowStreams
{
    private readonly int[] _ids;
    private readonly long[] _values = new long[StreamCatalog.StreamCount];
    private readonly int[] _usage = new int[StreamCatalog.StreamCount];

    public RowStreams(int[] streamIds, long firstRow)
    {
        _ids = streamIds;
        foreach (var id in streamIds)
        {
            _values[id] = DbgenRandom.Skip(StreamCatalog.Seeds[id], (firstRow - 1) * StreamCatalog.Budgets[id]);
        }
    }

    /// <summary>A value uniformly in [low, high] from <paramref name="stream"/> (dbgen's RANDOM macro).</summary>
    public long Random(long low, long high, int stream)
    {
        var next = DbgenRandom.Next(_values[stream]);
        _values[stream] = next;
        _usage[stream]++;
        return DbgenRandom.Scale(next, low, high);
    }

    /// <summary>Ends a row: skips every stream of the table to its per-row budget.</summary>
    public void EndRow()
    {
        foreach (var id in _ids)
        {
            var skip = StreamCatalog.Budgets[id] - _usage[id];
            if (skip > 0)
            {
                _values[id] = DbgenRandom.Skip(_values[id], skip);
            }

            _usage[id] = 0;
        }
    }
}
