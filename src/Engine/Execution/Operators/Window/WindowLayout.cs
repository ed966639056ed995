namespace QueryEngine.Engine.Execution.Operators.Window;

/// <summary>
/// Partitions and peer groups of rows sorted by PARTITION BY then ORDER BY. Per row: the partition's bounds and the
/// peer group's bounds (end exclusive) and global peer-group number; per peer group: its bounds.
/// </summary>
internal sealed class WindowLayout
{
    private WindowLayout(int rows)
    {
        PartitionStart = new int[rows];
        PartitionEnd = new int[rows];
        PartitionIndex = new int[rows];
        PeerGroup = new int[rows];
    }

    public int[] PartitionStart { get; }

    public int[] PartitionEnd { get; }

    /// <summary>The partition number (0-based, in sorted order) of each row.</summary>
    public int[] PartitionIndex { get; }

    /// <summary>The global peer-group number of each row.</summary>
    public int[] PeerGroup { get; }

    /// <summary>First row of each peer group.</summary>
    public int[] GroupStart { get; private set; } = [];

    /// <summary>One past the last row of each peer group.</summary>
    public int[] GroupEnd { get; private set; } = [];

    public int PartitionCount { get; private set; }

    public int LongestPartition { get; private set; }

    public int PeerStart(int row) => GroupStart[PeerGroup[row]];

    public int PeerEnd(int row) => GroupEnd[PeerGroup[row]];

    /// <summary>Builds the layout from run boundaries: a partition boundary is also a peer boundary.</summary>
    public static WindowLayout Build(bool[] partitionBoundary, bool[] peerBoundary, int rows)
    {
        var layout = new WindowLayout(rows);
        var groupStarts = new List<int>();
        var start = 0;
        var partition = 0;
        for (var i = 1; i <= rows; i++)
        {
            if (i < rows && !partitionBoundary[i]) continue;
            for (var r = start; r < i; r++)
            {
                layout.PartitionStart[r] = start;
                layout.PartitionEnd[r] = i;
                layout.PartitionIndex[r] = partition;
            }
            layout.LongestPartition = Math.Max(layout.LongestPartition, i - start);
            partition++;
            start = i;
        }
        layout.PartitionCount = partition;
        for (var i = 0; i < rows; i++)
        {
            if (i == 0 || partitionBoundary[i] || peerBoundary[i]) groupStarts.Add(i);
            layout.PeerGroup[i] = groupStarts.Count - 1;
        }
        layout.GroupStart = [.. groupStarts];
        layout.GroupEnd = new int[groupStarts.Count];
        for (var g = 0; g < groupStarts.Count; g++) layout.GroupEnd[g] = g + 1 < groupStarts.Count ? groupStarts[g + 1] : rows;
        return layout;
    }
}
