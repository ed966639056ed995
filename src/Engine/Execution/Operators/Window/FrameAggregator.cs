using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;

namespace QueryEngine.Engine.Execution.Operators.Window;

/// <summary>
/// An aggregate over each row's frame, reusing the hash aggregation's typed accumulators with one group per row:
/// <list type="bullet">
/// <item>a frame covering the whole partition: one group per partition, one pass;</item>
/// <item>frames starting at the partition start (running aggregates): one group per row, then an inclusive prefix
/// scan within partitions by log2(partition) rounds of accumulator merges (Hillis-Steele), read at the frame end;</item>
/// <item>frames ending at the partition end: the mirror-image suffix scan, read at the frame start;</item>
/// <item>other frames (bounded at both ends, or DISTINCT aggregates, which cannot merge): every row's frame rows are fed
/// to its group, in chunks.</item>
/// </list>
/// </summary>
internal static class FrameAggregator
{
    private const int ChunkRows = 1 << 20;

    /// <param name="args">The aggregate's arguments, evaluated over the sorted rows and coerced to its input type.</param>
    /// <param name="keep">Rows passing the aggregate's FILTER, or null for all rows.</param>
    public static ArrowArray Compute(
        AggregateCall call, DataType? inputType, ArrowArray[] args, bool[]? keep, WindowFrame frame, FrameBounds frames, WindowLayout layout, int rows)
    {
        var probe = AccumulatorFactory.Create(call, inputType);
        var startsAtPartition = frame.Start.Kind == WindowFrameBoundKind.UnboundedPreceding;
        var endsAtPartition = frame.End.Kind == WindowFrameBoundKind.UnboundedFollowing;
        if (startsAtPartition && endsAtPartition) return WholePartition(probe, args, keep, layout, rows);
        if (probe.CanMerge && startsAtPartition) return Scan(call, inputType, probe, args, keep, frames, layout, rows, prefix: true);
        if (probe.CanMerge && endsAtPartition) return Scan(call, inputType, probe, args, keep, frames, layout, rows, prefix: false);
        return PerRow(probe, args, keep, frames, rows);
    }

    private static ArrowArray WholePartition(Accumulator accumulator, ArrowArray[] args, bool[]? keep, WindowLayout layout, int rows)
    {
        var partitions = layout.PartitionCount;
        var dummy = partitions;
        accumulator.Resize(partitions + 1);
        var groups = new int[rows];
        for (var i = 0; i < rows; i++) groups[i] = keep is null || keep[i] ? layout.PartitionIndex[i] : dummy;
        accumulator.Update(groups, args, rows);
        return accumulator.Finish(partitions + 1).Take(layout.PartitionIndex);
    }

    private static ArrowArray Scan(
        AggregateCall call, DataType? inputType, Accumulator accumulator, ArrowArray[] args, bool[]? keep, FrameBounds frames, WindowLayout layout, int rows, bool prefix)
    {
        // Groups [0, rows) are rows; "dummy" absorbs what must be dropped; "empty" stays untouched for empty frames.
        var dummy = rows;
        var empty = rows + 1;
        var groupCount = rows + 2;
        accumulator.Resize(groupCount);
        var groups = new int[rows];
        for (var i = 0; i < rows; i++) groups[i] = keep is null || keep[i] ? i : dummy;
        accumulator.Update(groups, args, rows);

        var identity = new int[groupCount];
        for (var g = 0; g < groupCount; g++) identity[g] = g;
        var shift = new int[groupCount];
        for (var step = 1; step < layout.LongestPartition; step <<= 1)
        {
            var copy = AccumulatorFactory.Create(call, inputType);
            copy.Resize(groupCount);
            copy.Merge(accumulator, identity);
            for (var g = 0; g < rows; g++)
            {
                var target = prefix ? g + step : g - step;
                var inPartition = prefix ? target < layout.PartitionEnd[g] : target >= layout.PartitionStart[g];
                shift[g] = inPartition ? target : dummy;
            }
            shift[dummy] = dummy;
            shift[empty] = dummy;
            accumulator.Merge(copy, shift);
        }

        var results = accumulator.Finish(groupCount);
        var positions = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            positions[i] = frames.IsEmpty(i) ? empty : prefix ? frames.End[i] - 1 : frames.Start[i];
        }
        return results.Take(positions);
    }

    private static ArrowArray PerRow(Accumulator accumulator, ArrowArray[] args, bool[]? keep, FrameBounds frames, int rows)
    {
        accumulator.Resize(rows);
        var sources = new List<int>(Math.Min(ChunkRows, rows * 4));
        var groups = new List<int>(sources.Capacity);
        for (var i = 0; i < rows; i++)
        {
            for (var j = frames.Start[i]; j < frames.End[i]; j++)
            {
                if (keep is not null && !keep[j]) continue;
                sources.Add(j);
                groups.Add(i);
                if (sources.Count >= ChunkRows) Flush(accumulator, args, sources, groups);
            }
        }
        Flush(accumulator, args, sources, groups);
        return accumulator.Finish(rows);
    }

    private static void Flush(Accumulator accumulator, ArrowArray[] args, List<int> sources, List<int> groups)
    {
        if (sources.Count == 0) return;
        var indices = sources.ToArray();
        var chunkArgs = new ArrowArray[args.Length];
        for (var a = 0; a < args.Length; a++) chunkArgs[a] = args[a].Take(indices);
        accumulator.Update([.. groups], chunkArgs, indices.Length);
        sources.Clear();
        groups.Clear();
    }
}
