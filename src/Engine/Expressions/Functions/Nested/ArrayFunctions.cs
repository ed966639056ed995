using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Functions.Nested;

/// <summary>Array functions that work on the flattened elements and the list offsets.</summary>
internal static class ArrayFunctions
{
    /// <summary>
    /// contains(a, x): true when an element equals x; otherwise null when a holds a null element, else false.
    /// array_position(a, x): 1-based index of the first element equal to x, 0 when none.
    /// </summary>
    public static ArrowArray Search(Vec[] args, int rows, bool position)
    {
        var lists = Lists.Flat(args[0], rows);
        var probe = args[1];
        var elements = new ElementKeys(lists.Values);
        var probes = new ElementKeys(probe.Array);
        var step = probe.IsConstant ? 0 : 1;
        var validity = Bits.And(lists.Validity, probe.IsConstant ? (probe.IsNull(0) ? new byte[Bitmap.BytesFor(rows)] : null) : probe.Array.Validity, rows);
        var bits = new byte[Bitmap.BytesFor(rows)];
        var positions = new long[rows];
        for (var r = 0; r < rows; r++)
        {
            if (validity is not null && !Bitmap.Get(validity, r)) continue;
            var start = lists.Offsets[r];
            var end = lists.Offsets[r + 1];
            var found = -1;
            var sawNull = false;
            for (var k = start; k < end; k++)
            {
                if (elements.IsNull(k))
                {
                    sawNull = true;
                    continue;
                }
                if (elements.Equal(k, probes, r * step))
                {
                    found = k - start;
                    break;
                }
            }
            if (position)
            {
                positions[r] = found + 1;
            }
            else if (found >= 0)
            {
                Bitmap.Set(bits, r);
            }
            else if (sawNull)
            {
                validity ??= Bitmap.AllSet(rows);
                Bitmap.Clear(validity, r);
            }
        }
        return position ? new PrimitiveArray<long>(DataType.Int64, positions, rows, validity) : new BooleanArray(bits, rows, validity);
    }

    /// <summary>array_distinct(a): the first occurrence of each value, in order (one null kept).</summary>
    public static ArrowArray Distinct(Vec[] args, int rows)
    {
        var lists = Lists.Flat(args[0], rows);
        var keys = new ElementKeys(lists.Values);
        var set = new SegmentSet(keys);
        var keep = new List<int>(lists.Values.Length);
        var offsets = new int[rows + 1];
        for (var r = 0; r < rows; r++)
        {
            var start = lists.Offsets[r];
            var end = lists.Offsets[r + 1];
            set.Reset(end - start);
            for (var k = start; k < end; k++)
            {
                if (set.Add(k) < 0) keep.Add(k);
            }
            offsets[r + 1] = keep.Count;
        }
        return new ListArray((ListType)lists.Type, offsets, lists.Values.Take(keep.ToArray()), rows, lists.Validity);
    }

    /// <summary>slice(a, start, length): from 1-based start (negative counts from the end), at most length elements.</summary>
    public static ArrowArray Slice(Vec[] args, int rows)
    {
        var lists = Lists.Flat(args[0], rows);
        var starts = new PrimitiveArg<long>(args[1]);
        var lengths = new PrimitiveArg<long>(args[2]);
        var validity = Bits.And(lists.Validity, FunctionArgs.StrictValidity(args[1..], rows), rows);
        var take = new List<int>();
        var offsets = new int[rows + 1];
        for (var r = 0; r < rows; r++)
        {
            offsets[r + 1] = offsets[r];
            if (validity is not null && !Bitmap.Get(validity, r)) continue;
            var start = starts[r];
            var length = lengths[r];
            if (start == 0) throw new ExecutionException("SQL array indices start at 1");
            if (length < 0) throw new ExecutionException($"length must be greater than or equal to 0");
            var size = lists.ValueLength(r);
            var from = start > 0 ? start - 1 : size + start;
            if (from < 0 || from >= size) continue;
            var to = Math.Min(size, from + length);
            for (var k = from; k < to; k++) take.Add(lists.Offsets[r] + (int)k);
            offsets[r + 1] = take.Count;
        }
        return new ListArray((ListType)lists.Type, offsets, lists.Values.Take(take.ToArray()), rows, validity);
    }

    /// <summary>reverse(a).</summary>
    public static ArrowArray Reverse(Vec[] args, int rows)
    {
        var lists = Lists.Flat(args[0], rows);
        var order = new int[lists.Values.Length];
        for (var r = 0; r < rows; r++)
        {
            var start = lists.Offsets[r];
            var end = lists.Offsets[r + 1];
            for (var k = start; k < end; k++) order[k] = end - 1 - (k - start);
        }
        return new ListArray((ListType)lists.Type, lists.Offsets, lists.Values.Take(order), rows, lists.Validity);
    }

    /// <summary>flatten(a): the element arrays of each array, concatenated (null inner arrays contribute nothing).</summary>
    public static ArrowArray Flatten(Vec[] args, int rows)
    {
        var outer = Lists.Flat(args[0], rows);
        var inner = Lists.Compact((ListArray)outer.Values);
        var offsets = new int[rows + 1];
        for (var r = 0; r < rows; r++) offsets[r + 1] = inner.Offsets[outer.Offsets[r + 1]];
        return new ListArray((ListType)inner.Type, offsets, inner.Values, rows, outer.Validity);
    }

    /// <summary>concat(a1, ..., an) / a || b: null when any array is null.</summary>
    public static ArrowArray Concat(Vec[] args, int rows, ListType type)
    {
        var lists = new ListArray[args.Length];
        for (var k = 0; k < lists.Length; k++) lists[k] = Lists.Flat(args[k], rows);
        byte[]? validity = null;
        foreach (var l in lists) validity = Bits.And(validity, l.Validity, rows);
        var parts = new ArrowArray[lists.Length];
        var bases = new int[lists.Length];
        var total = 0;
        for (var k = 0; k < lists.Length; k++)
        {
            parts[k] = lists[k].Values;
            bases[k] = total;
            total += parts[k].Length;
        }
        var all = ArrayConcat.Concat(parts, type.Element.Type);
        var take = new List<int>(total);
        var offsets = new int[rows + 1];
        for (var r = 0; r < rows; r++)
        {
            if (validity is null || Bitmap.Get(validity, r))
            {
                for (var k = 0; k < lists.Length; k++)
                {
                    for (var e = lists[k].Offsets[r]; e < lists[k].Offsets[r + 1]; e++) take.Add(bases[k] + e);
                }
            }
            offsets[r + 1] = take.Count;
        }
        return new ListArray(type, offsets, all.Take(take.ToArray()), rows, validity);
    }

    /// <summary>sequence(start, stop[, step]) over bigint: stop included; the step's sign must lead towards stop.</summary>
    public static ArrowArray Sequence(Vec[] args, int rows)
    {
        var starts = new PrimitiveArg<long>(args[0]);
        var stops = new PrimitiveArg<long>(args[1]);
        var steps = args.Length > 2 ? new PrimitiveArg<long>(args[2]) : default;
        var validity = FunctionArgs.StrictValidity(args, rows);
        var values = new List<long>();
        var offsets = new int[rows + 1];
        for (var r = 0; r < rows; r++)
        {
            offsets[r + 1] = offsets[r];
            if (!FunctionArgs.IsValid(validity, r)) continue;
            var start = starts[r];
            var stop = stops[r];
            var step = args.Length > 2 ? steps[r] : (stop >= start ? 1 : -1);
            if (step == 0) throw new ExecutionException("step must not be zero");
            if (stop > start && step < 0 || stop < start && step > 0)
            {
                throw new ExecutionException("sequence stop value should be greater than or equal to start value if step is greater than zero otherwise stop should be less than or equal to start");
            }
            var count = (Int128)stop - start;
            count = count / step + 1;
            if (count > 10_000) throw new ExecutionException($"result of sequence function must not have more than 10000 entries");
            for (var v = 0; v < (int)count; v++) values.Add(start + v * step);
            offsets[r + 1] = values.Count;
        }
        var elements = new PrimitiveArray<long>(DataType.Int64, values.ToArray());
        return new ListArray(Lists.ListOf(DataType.Int64), offsets, elements, rows, validity);
    }

    /// <summary>sequence(start, stop) over dates, one day apart (stop included).</summary>
    public static ArrowArray DateSequence(Vec[] args, int rows)
    {
        var starts = new PrimitiveArg<int>(args[0]);
        var stops = new PrimitiveArg<int>(args[1]);
        var validity = FunctionArgs.StrictValidity(args, rows);
        var values = new List<int>();
        var offsets = new int[rows + 1];
        for (var r = 0; r < rows; r++)
        {
            offsets[r + 1] = offsets[r];
            if (!FunctionArgs.IsValid(validity, r)) continue;
            var start = starts[r];
            var stop = stops[r];
            var step = stop >= start ? 1 : -1;
            var count = Math.Abs((long)stop - start) + 1;
            if (count > 10_000) throw new ExecutionException($"result of sequence function must not have more than 10000 entries");
            for (var v = 0; v < count; v++) values.Add(start + v * step);
            offsets[r + 1] = values.Count;
        }
        var elements = new PrimitiveArray<int>(DataType.Date32, values.ToArray());
        return new ListArray(Lists.ListOf(DataType.Date32), offsets, elements, rows, validity);
    }

    /// <summary>array_join(a, delimiter[, null_replacement]) over varchar elements; nulls are skipped unless replaced.</summary>
    public static ArrowArray Join(Vec[] args, int rows)
    {
        var lists = Lists.Flat(args[0], rows);
        var elements = (BinaryArray)lists.Values;
        var delimiter = new StringArg(args[1]);
        var replace = args.Length > 2;
        var replacement = replace ? new StringArg(args[2]) : default;
        var validity = Bits.And(lists.Validity, FunctionArgs.StrictValidity(args[1..], rows), rows);
        var writer = new Utf8ColumnWriter(rows, elements.Data.Length);
        for (var r = 0; r < rows; r++)
        {
            if (validity is not null && !Bitmap.Get(validity, r))
            {
                writer.NullRow();
                continue;
            }
            var first = true;
            for (var k = lists.Offsets[r]; k < lists.Offsets[r + 1]; k++)
            {
                var isNull = elements.IsNull(k);
                if (isNull && !replace) continue;
                if (!first) writer.Write(delimiter[r]);
                writer.Write(isNull ? replacement[r] : elements.GetBytes(k));
                first = false;
            }
            writer.EndRow();
        }
        return writer.Build();
    }
}
