using System.Globalization;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;

namespace QueryEngine.Engine.Execution.Operators.Window;

/// <summary>
/// The frame of every row as sorted positions [Start, End). ROWS counts rows, GROUPS counts peer groups, RANGE
/// compares the single ORDER BY key's value with the current row's (nulls form their own peer group).
/// </summary>
internal sealed class FrameBounds
{
    private FrameBounds(int[] start, int[] end)
    {
        Start = start;
        End = end;
    }

    public int[] Start { get; }

    public int[] End { get; }

    public bool IsEmpty(int row) => Start[row] >= End[row];

    /// <summary>Computes the frame of every row; <paramref name="orderKey"/> (sorted, ascending or not) is needed for RANGE offsets.</summary>
    public static FrameBounds Compute(WindowFrame frame, WindowLayout layout, int rows, ArrowArray? orderKey, bool ascending)
    {
        var start = new int[rows];
        var end = new int[rows];
        var range = frame.Unit == WindowFrameUnit.Range && (HasOffset(frame.Start) || HasOffset(frame.End))
            ? RangeKeys.Create(frame, orderKey, ascending)
            : null;
        for (var i = 0; i < rows; i++)
        {
            start[i] = Bound(frame.Unit, frame.Start, isEnd: false, i, layout, range);
            end[i] = Bound(frame.Unit, frame.End, isEnd: true, i, layout, range);
        }
        return new FrameBounds(start, end);
    }

    private static bool HasOffset(WindowFrameBound bound) => bound.Kind is WindowFrameBoundKind.Preceding or WindowFrameBoundKind.Following;

    private static int Bound(WindowFrameUnit unit, WindowFrameBound bound, bool isEnd, int row, WindowLayout layout, RangeKeys? range)
    {
        var partitionStart = layout.PartitionStart[row];
        var partitionEnd = layout.PartitionEnd[row];
        switch (bound.Kind)
        {
            case WindowFrameBoundKind.UnboundedPreceding:
                return partitionStart;
            case WindowFrameBoundKind.UnboundedFollowing:
                return partitionEnd;
            case WindowFrameBoundKind.CurrentRow:
                if (unit == WindowFrameUnit.Rows) return isEnd ? row + 1 : row;
                return isEnd ? layout.PeerEnd(row) : layout.PeerStart(row);
        }
        var following = bound.Kind == WindowFrameBoundKind.Following;
        switch (unit)
        {
            case WindowFrameUnit.Rows:
                {
                    var offset = IntegerOffset(bound);
                    var target = following ? row + offset : row - offset;
                    if (isEnd) target++;
                    return (int)Math.Clamp(target, partitionStart, partitionEnd);
                }
            case WindowFrameUnit.Groups:
                {
                    var offset = IntegerOffset(bound);
                    var firstGroup = (long)layout.PeerGroup[partitionStart];
                    var lastGroup = (long)layout.PeerGroup[partitionEnd - 1];
                    var group = following ? layout.PeerGroup[row] + offset : layout.PeerGroup[row] - offset;
                    if (group < firstGroup) return partitionStart;
                    if (group > lastGroup) return partitionEnd;
                    return isEnd ? layout.GroupEnd[group] : layout.GroupStart[group];
                }
            default:
                return range!.Bound(row, following, isEnd, layout);
        }
    }

    private static long IntegerOffset(WindowFrameBound bound)
    {
        var value = OffsetValue(bound);
        if (value != Math.Floor(value)) throw new ExecutionException("Window frame offset for ROWS or GROUPS must be an integer");
        return value >= long.MaxValue / 4 ? long.MaxValue / 4 : (long)value;
    }

    internal static double OffsetValue(WindowFrameBound bound)
    {
        if (bound.Offset is not LiteralExpr { Value: { } value } literal) throw new ExecutionException("Window frame offset must be a non-null constant");
        var number = value switch
        {
            Int128 unscaled when literal.Type is DecimalType d => (double)unscaled / Math.Pow(10, d.Scale),
            decimal m => (double)m,
            _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        };
        if (number < 0 || double.IsNaN(number)) throw new ExecutionException("Window frame offset must not be negative");
        return number;
    }
}
