using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Plan;

namespace QueryEngine.Engine.Execution.Operators.Window;

/// <summary>
/// RANGE frames with offsets: the ORDER BY key as doubles, mapped so that they ascend within a partition, and binary
/// searches for "value - offset" / "value + offset". Rows with a null key see exactly the null rows as their frame.
/// </summary>
internal sealed class RangeKeys
{
    private readonly double[] _keys;
    private readonly ArrowArray _column;
    private readonly double _startOffset;
    private readonly double _endOffset;

    private RangeKeys(double[] keys, ArrowArray column, double startOffset, double endOffset)
    {
        _keys = keys;
        _column = column;
        _startOffset = startOffset;
        _endOffset = endOffset;
    }

    public static RangeKeys Create(WindowFrame frame, ArrowArray? orderKey, bool ascending)
    {
        if (orderKey is null) throw new SemanticException("Window frame of type RANGE PRECEDING or FOLLOWING requires a single sort item in ORDER BY");
        var keys = new double[orderKey.Length];
        var sign = ascending ? 1.0 : -1.0;
        switch (orderKey)
        {
            case PrimitiveArray<sbyte> a: for (var i = 0; i < keys.Length; i++) keys[i] = sign * a[i]; break;
            case PrimitiveArray<short> a: for (var i = 0; i < keys.Length; i++) keys[i] = sign * a[i]; break;
            case PrimitiveArray<int> a: for (var i = 0; i < keys.Length; i++) keys[i] = sign * a[i]; break;
            case PrimitiveArray<long> a: for (var i = 0; i < keys.Length; i++) keys[i] = sign * a[i]; break;
            case PrimitiveArray<float> a: for (var i = 0; i < keys.Length; i++) keys[i] = sign * a[i]; break;
            case PrimitiveArray<double> a: for (var i = 0; i < keys.Length; i++) keys[i] = sign * a[i]; break;
            case PrimitiveArray<Int128> a when a.Type is DecimalType d:
                {
                    var scale = Math.Pow(10, d.Scale);
                    for (var i = 0; i < keys.Length; i++) keys[i] = sign * ((double)a[i] / scale);
                    break;
                }
            default:
                throw new NotSupportedQueryException($"RANGE frames with offsets over {orderKey.Type.SqlName} ORDER BY keys are not supported");
        }
        var startOffset = frame.Start.Offset is null ? 0 : FrameBounds.OffsetValue(frame.Start);
        var endOffset = frame.End.Offset is null ? 0 : FrameBounds.OffsetValue(frame.End);
        return new RangeKeys(keys, orderKey, startOffset, endOffset);
    }

    public int Bound(int row, bool following, bool isEnd, WindowLayout layout)
    {
        if (_column.IsNull(row)) return isEnd ? layout.PeerEnd(row) : layout.PeerStart(row);
        // The non-null rows of the partition are contiguous (nulls sort as one block at an end).
        var low = layout.PartitionStart[row];
        var high = layout.PartitionEnd[row];
        if (_column.IsNull(low)) low = layout.PeerEnd(low);
        if (_column.IsNull(high - 1)) high = layout.PeerStart(high - 1);
        var offset = isEnd ? _endOffset : _startOffset;
        var target = following ? _keys[row] + offset : _keys[row] - offset;
        // Start: first row with key >= target. End (exclusive): first row with key > target.
        while (low < high)
        {
            var mid = (int)(((uint)low + (uint)high) >> 1);
            var key = _keys[mid];
            if (isEnd ? key <= target : key < target) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}
