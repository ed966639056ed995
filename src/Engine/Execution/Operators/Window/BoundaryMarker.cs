using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Execution.Operators.Window;

/// <summary>
/// Marks where adjacent rows of a sorted column differ (<c>boundary[i]</c> is set when row i starts a new run):
/// one typed loop per column, no per-row virtual calls. Two nulls are equal, as are two NaNs (SQL grouping).
/// </summary>
internal static class BoundaryMarker
{
    public static void Mark(ArrowArray column, bool[] boundary)
    {
        switch (column)
        {
            case PrimitiveArray<sbyte> a: MarkPrimitive(a, boundary); break;
            case PrimitiveArray<short> a: MarkPrimitive(a, boundary); break;
            case PrimitiveArray<int> a: MarkPrimitive(a, boundary); break;
            case PrimitiveArray<long> a: MarkPrimitive(a, boundary); break;
            case PrimitiveArray<float> a: MarkPrimitive(a, boundary); break;
            case PrimitiveArray<double> a: MarkPrimitive(a, boundary); break;
            case PrimitiveArray<Int128> a: MarkPrimitive(a, boundary); break;
            case BinaryArray a: MarkBinary(a, boundary); break;
            case BooleanArray a: MarkBoolean(a, boundary); break;
            case NullArray: break;
            default: throw new NotSupportedQueryException($"PARTITION BY or window ORDER BY over {column.Type.SqlName} values is not supported");
        }
    }

    private static void MarkPrimitive<T>(PrimitiveArray<T> column, bool[] boundary)
        where T : unmanaged, IEquatable<T>
    {
        var values = column.Values;
        if (column.NullCount == 0)
        {
            for (var i = 1; i < values.Length; i++)
            {
                if (!values[i].Equals(values[i - 1])) boundary[i] = true;
            }
            return;
        }
        for (var i = 1; i < values.Length; i++)
        {
            var previousNull = column.IsNull(i - 1);
            var currentNull = column.IsNull(i);
            if (previousNull != currentNull || (!currentNull && !values[i].Equals(values[i - 1]))) boundary[i] = true;
        }
    }

    private static void MarkBinary(BinaryArray column, bool[] boundary)
    {
        for (var i = 1; i < column.Length; i++)
        {
            var previousNull = column.IsNull(i - 1);
            var currentNull = column.IsNull(i);
            if (previousNull != currentNull || (!currentNull && !column.GetBytes(i).SequenceEqual(column.GetBytes(i - 1)))) boundary[i] = true;
        }
    }

    private static void MarkBoolean(BooleanArray column, bool[] boundary)
    {
        for (var i = 1; i < column.Length; i++)
        {
            var previousNull = column.IsNull(i - 1);
            var currentNull = column.IsNull(i);
            if (previousNull != currentNull || (!currentNull && column.GetBit(i) != column.GetBit(i - 1))) boundary[i] = true;
        }
    }
}
