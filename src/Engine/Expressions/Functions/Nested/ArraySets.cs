using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Functions.Nested;

/// <summary>
/// Functions over two arrays' elements compared by value: array_union, array_intersect, array_except (first
/// occurrences, no duplicates), arrays_overlap, array_remove and zip.
/// </summary>
internal static class ArraySets
{
    internal enum SetOp
    {
        Union,
        Intersect,
        Except,
    }

    /// <summary>Both arrays' elements in one column (y's after x's) with their keys; null rows where either array is null.</summary>
    private static (ListArray X, ListArray Y, ArrowArray All, ElementKeys Keys, byte[]? Validity) Pair(Vec[] args, int rows)
    {
        var x = Lists.Flat(args[0], rows);
        var y = Lists.Flat(args[1], rows);
        var all = ArrayConcat.Concat([x.Values, y.Values], x.Values.Type);
        return (x, y, all, new ElementKeys(all), Bits.And(x.Validity, y.Validity, rows));
    }

    public static ArrowArray Set(Vec[] args, int rows, SetOp op)
    {
        var (x, y, all, keys, validity) = Pair(args, rows);
        var shift = x.Values.Length;
        var seen = new SegmentSet(keys);
        var other = new SegmentSet(keys);
        var take = new List<int>();
        var offsets = new int[rows + 1];
        for (var r = 0; r < rows; r++)
        {
            offsets[r + 1] = offsets[r];
            if (validity is not null && !Bitmap.Get(validity, r)) continue;
            int xs = x.Offsets[r], xe = x.Offsets[r + 1], ys = y.Offsets[r] + shift, ye = y.Offsets[r + 1] + shift;
            seen.Reset(xe - xs + ye - ys);
            if (op == SetOp.Union)
            {
                for (var k = xs; k < xe; k++)
                {
                    if (seen.Add(k) < 0) take.Add(k);
                }
                for (var k = ys; k < ye; k++)
                {
                    if (seen.Add(k) < 0) take.Add(k);
                }
            }
            else
            {
                other.Reset(ye - ys);
                for (var k = ys; k < ye; k++) other.Add(k);
                for (var k = xs; k < xe; k++)
                {
                    var inOther = other.Contains(k);
                    if (inOther == (op == SetOp.Intersect) && seen.Add(k) < 0) take.Add(k);
                }
            }
            offsets[r + 1] = take.Count;
        }
        return new ListArray((ListType)x.Type, offsets, all.Take(take.ToArray()), rows, validity);
    }

    /// <summary>arrays_overlap(x, y): true on a common non-null element, else null when either holds a null, else false.</summary>
    public static ArrowArray Overlap(Vec[] args, int rows)
    {
        var (x, y, _, keys, validity) = Pair(args, rows);
        var shift = x.Values.Length;
        var set = new SegmentSet(keys);
        var bits = new byte[Bitmap.BytesFor(rows)];
        for (var r = 0; r < rows; r++)
        {
            if (validity is not null && !Bitmap.Get(validity, r)) continue;
            int xs = x.Offsets[r], xe = x.Offsets[r + 1], ys = y.Offsets[r] + shift, ye = y.Offsets[r + 1] + shift;
            set.Reset(xe - xs);
            var sawNull = false;
            for (var k = xs; k < xe; k++)
            {
                if (keys.IsNull(k)) sawNull = true;
                else set.Add(k);
            }
            var found = false;
            for (var k = ys; k < ye && !found; k++)
            {
                if (keys.IsNull(k)) sawNull = true;
                else found = set.Contains(k);
            }
            if (found)
            {
                Bitmap.Set(bits, r);
            }
            else if (sawNull)
            {
                validity ??= Bitmap.AllSet(rows);
                Bitmap.Clear(validity, r);
            }
        }
        return new BooleanArray(bits, rows, validity);
    }

    /// <summary>array_remove(x, e): x without the elements equal to e (null when e is null).</summary>
    public static ArrowArray Remove(Vec[] args, int rows)
    {
        var x = Lists.Flat(args[0], rows);
        var probe = args[1];
        var elements = new ElementKeys(x.Values);
        var probes = new ElementKeys(probe.Array);
        var step = probe.IsConstant ? 0 : 1;
        var validity = Bits.And(x.Validity, probe.IsConstant ? (probe.IsNull(0) ? new byte[Bitmap.BytesFor(rows)] : null) : probe.Array.Validity, rows);
        var take = new List<int>(x.Values.Length);
        var offsets = new int[rows + 1];
        for (var r = 0; r < rows; r++)
        {
            if (validity is null || Bitmap.Get(validity, r))
            {
                for (var k = x.Offsets[r]; k < x.Offsets[r + 1]; k++)
                {
                    if (!elements.Equal(k, probes, r * step)) take.Add(k);
                }
            }
            offsets[r + 1] = take.Count;
        }
        return new ListArray((ListType)x.Type, offsets, x.Values.Take(take.ToArray()), rows, validity);
    }

    /// <summary>zip(a1, ..., an): rows of the i-th elements, shorter arrays padded with nulls; null when any array is null.</summary>
    public static ArrowArray Zip(Vec[] args, int rows, ListType type)
    {
        var lists = new ListArray[args.Length];
        byte[]? validity = null;
        for (var k = 0; k < lists.Length; k++)
        {
            lists[k] = Lists.Flat(args[k], rows);
            validity = Bits.And(validity, lists[k].Validity, rows);
        }
        var offsets = new int[rows + 1];
        for (var r = 0; r < rows; r++)
        {
            var n = 0;
            if (validity is null || Bitmap.Get(validity, r))
            {
                foreach (var l in lists) n = Math.Max(n, l.ValueLength(r));
            }
            offsets[r + 1] = checked(offsets[r] + n);
        }
        var total = offsets[rows];
        var children = new ArrowArray[lists.Length];
        var gather = new int[total];
        for (var k = 0; k < lists.Length; k++)
        {
            var l = lists[k];
            for (var r = 0; r < rows; r++)
            {
                for (var i = offsets[r]; i < offsets[r + 1]; i++)
                {
                    var j = i - offsets[r];
                    gather[i] = j < l.ValueLength(r) ? l.Offsets[r] + j : -1;
                }
            }
            children[k] = l.Values.Take(gather);
        }
        var row = (StructType)type.Element.Type;
        return new ListArray(type, offsets, new StructArray(row, children, total), rows, validity);
    }

    /// <summary>repeat(element, count): the element count times (count at most 10000, not negative).</summary>
    public static ArrowArray Repeat(Vec[] args, int rows, ListType type)
    {
        var element = args[0].Expand(rows);
        var counts = new PrimitiveArg<long>(args[1]);
        var countNull = args[1].IsConstant ? (args[1].IsNull(0) ? new byte[Bitmap.BytesFor(rows)] : null) : args[1].Array.Validity;
        var validity = countNull is null ? null : Bits.Copy(countNull, rows);
        var gather = new List<int>();
        var offsets = new int[rows + 1];
        for (var r = 0; r < rows; r++)
        {
            if (validity is null || Bitmap.Get(validity, r))
            {
                var n = counts[r];
                if (n < 0) throw new ExecutionException("count argument of repeat function must be greater than or equal to 0");
                if (n > 10_000) throw new ExecutionException("count argument of repeat function must be less than or equal to 10000");
                for (var i = 0; i < n; i++) gather.Add(r);
            }
            offsets[r + 1] = gather.Count;
        }
        return new ListArray(type, offsets, element.Take(gather.ToArray()), rows, validity);
    }
}
