namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>Rows of a row group as sorted, disjoint, non-adjacent half-open intervals [Start, End).</summary>
internal sealed class RowRanges
{
    private readonly List<(long Start, long End)> _ranges;

    private RowRanges(List<(long Start, long End)> ranges) => _ranges = ranges;

    public static RowRanges All(long rows) => new(rows > 0 ? [(0, rows)] : []);

    public static RowRanges None { get; } = new([]);

    /// <summary>The union of intervals given in ascending order of start (overlapping or adjacent ones merge).</summary>
    public static RowRanges FromSorted(IEnumerable<(long Start, long End)> intervals)
    {
        var list = new List<(long Start, long End)>();
        foreach (var (start, end) in intervals)
        {
            if (end <= start) continue;
            if (list.Count > 0 && start <= list[^1].End)
            {
                list[^1] = (list[^1].Start, Math.Max(list[^1].End, end));
            }
            else
            {
                list.Add((start, end));
            }
        }
        return new RowRanges(list);
    }

    public IReadOnlyList<(long Start, long End)> Intervals => _ranges;

    public long RowCount
    {
        get
        {
            long total = 0;
            foreach (var (start, end) in _ranges) total += end - start;
            return total;
        }
    }

    public bool IsEmpty => _ranges.Count == 0;

    /// <summary>Whether some row in [start, end) is selected.</summary>
    public bool Overlaps(long start, long end)
    {
        // Binary search for the first interval ending after start.
        int lo = 0, hi = _ranges.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_ranges[mid].End <= start) lo = mid + 1;
            else hi = mid;
        }
        return lo < _ranges.Count && _ranges[lo].Start < end;
    }

    public RowRanges Intersect(RowRanges other)
    {
        var result = new List<(long Start, long End)>();
        int i = 0, j = 0;
        while (i < _ranges.Count && j < other._ranges.Count)
        {
            var start = Math.Max(_ranges[i].Start, other._ranges[j].Start);
            var end = Math.Min(_ranges[i].End, other._ranges[j].End);
            if (start < end) result.Add((start, end));
            if (_ranges[i].End < other._ranges[j].End) i++;
            else j++;
        }
        return new RowRanges(result);
    }

    public RowRanges Union(RowRanges other)
    {
        var merged = new List<(long Start, long End)>(_ranges.Count + other._ranges.Count);
        int i = 0, j = 0;
        while (i < _ranges.Count || j < other._ranges.Count)
        {
            if (j >= other._ranges.Count || (i < _ranges.Count && _ranges[i].Start <= other._ranges[j].Start)) merged.Add(_ranges[i++]);
            else merged.Add(other._ranges[j++]);
        }
        return FromSorted(merged);
    }
}
