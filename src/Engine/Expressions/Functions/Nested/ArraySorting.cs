using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Functions.Nested;

/// <summary>array_sort (ascending, nulls last), array_max and array_min (null when any element is null).</summary>
internal static class ArraySorting
{
    /// <summary>The element indexes of every list, each list's non-null elements sorted ascending, then its nulls.</summary>
    private static int[] SortedOrder(ListArray lists, int rows)
    {
        var values = lists.Values;
        var order = new int[values.Length];
        for (var r = 0; r < rows; r++)
        {
            var start = lists.Offsets[r];
            var end = lists.Offsets[r + 1];
            var front = start;
            var back = end;
            for (var k = start; k < end; k++)
            {
                if (values.IsNull(k)) order[--back] = k;
                else order[front++] = k;
            }
            // nulls were written back to front: restore their original order
            order.AsSpan(back, end - back).Reverse();
            SortSegment(values, order.AsSpan(start, front - start));
        }
        return order;
    }

    private static void SortSegment(ArrowArray values, Span<int> segment)
    {
        if (segment.Length < 2) return;
        switch (values)
        {
            case PrimitiveArray<sbyte> a: segment.Sort(new PrimitiveOrder<sbyte>(a.Buffer)); break;
            case PrimitiveArray<short> a: segment.Sort(new PrimitiveOrder<short>(a.Buffer)); break;
            case PrimitiveArray<int> a: segment.Sort(new PrimitiveOrder<int>(a.Buffer)); break;
            case PrimitiveArray<long> a: segment.Sort(new PrimitiveOrder<long>(a.Buffer)); break;
            case PrimitiveArray<float> a: segment.Sort(new PrimitiveOrder<float>(a.Buffer)); break;
            case PrimitiveArray<double> a: segment.Sort(new PrimitiveOrder<double>(a.Buffer)); break;
            case PrimitiveArray<Int128> a: segment.Sort(new PrimitiveOrder<Int128>(a.Buffer)); break;
            case BinaryArray a: segment.Sort(new BinaryOrder(a)); break;
            case BooleanArray a: segment.Sort(new BooleanOrder(a)); break;
            case NullArray: break;
            default: throw new NotSupportedQueryException($"sorting {values.Type.SqlName} array elements is not supported yet");
        }
        // Span.Sort is not stable; equal values are indistinguishable here, so the order among them does not matter.
    }

    public static ArrowArray Sort(Vec[] args, int rows)
    {
        var lists = Lists.Flat(args[0], rows);
        return new ListArray((ListType)lists.Type, lists.Offsets, lists.Values.Take(SortedOrder(lists, rows)), rows, lists.Validity);
    }

    public static ArrowArray MaxMin(Vec[] args, int rows, bool max)
    {
        var lists = Lists.Flat(args[0], rows);
        var order = SortedOrder(lists, rows);
        var gather = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            var start = lists.Offsets[r];
            var end = lists.Offsets[r + 1];
            if (lists.IsNull(r) || end == start || lists.Values.IsNull(order[end - 1]))
            {
                gather[r] = -1;
                continue;
            }
            gather[r] = max ? order[end - 1] : order[start];
        }
        return lists.Values.Take(gather);
    }
}
