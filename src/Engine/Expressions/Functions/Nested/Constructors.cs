using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Functions.Nested;

/// <summary>ARRAY[...], ROW(...) and map(keys, values): column-wise assembly of nested values.</summary>
internal static class Constructors
{
    /// <summary>ARRAY[e1, ..., en]: the n element columns interleaved row by row.</summary>
    public static ArrowArray Array(Vec[] args, int rows, ListType type)
    {
        var n = args.Length;
        var element = type.Element.Type;
        var offsets = new int[rows + 1];
        for (var r = 0; r <= rows; r++) offsets[r] = checked(r * n);
        if (n == 0) return new ListArray(type, offsets, ArrayFactory.Empty(element), rows);
        var columns = new ArrowArray[n];
        for (var k = 0; k < n; k++) columns[k] = args[k].Expand(rows);
        var all = ArrayConcat.Concat(columns, element);
        var order = new int[rows * n];
        for (var r = 0; r < rows; r++)
        {
            for (var k = 0; k < n; k++) order[r * n + k] = k * rows + r;
        }
        return new ListArray(type, offsets, all.Take(order), rows);
    }

    /// <summary>ROW(e1, ..., en): one child per field.</summary>
    public static ArrowArray Row(Vec[] args, int rows, StructType type)
    {
        var children = new ArrowArray[args.Length];
        for (var k = 0; k < children.Length; k++) children[k] = args[k].Expand(rows);
        return new StructArray(type, children, rows);
    }

    /// <summary>map(keys, values): equal lengths, no null and no repeated keys.</summary>
    public static ArrowArray Map(Vec[] args, int rows, MapType type)
    {
        if (args.Length == 0)
        {
            return new MapArray(type, new int[rows + 1], ArrayFactory.Empty(type.Key.Type), ArrayFactory.Empty(type.Value.Type), rows);
        }
        var keys = Lists.Flat(args[0], rows);
        var values = Lists.Flat(args[1], rows);
        var validity = Bits.And(keys.Validity, values.Validity, rows);
        var keyIndex = new List<int>(keys.Values.Length);
        var valueIndex = new List<int>(values.Values.Length);
        var offsets = new int[rows + 1];
        for (var r = 0; r < rows; r++)
        {
            offsets[r + 1] = offsets[r];
            if (validity is not null && !Bitmap.Get(validity, r)) continue;
            var length = keys.ValueLength(r);
            if (length != values.ValueLength(r)) throw new ExecutionException("Key and value arrays must be the same length");
            for (var k = 0; k < length; k++)
            {
                keyIndex.Add(keys.Offsets[r] + k);
                valueIndex.Add(values.Offsets[r] + k);
            }
            offsets[r + 1] += length;
        }
        var keyValues = keys.Values.Take(keyIndex.ToArray());
        var result = new MapArray(type, offsets, keyValues, values.Values.Take(valueIndex.ToArray()), rows, validity);
        CheckKeys(result);
        return result;
    }

    /// <summary>Raises Trino's errors for a null or repeated key in any map of <paramref name="map"/>.</summary>
    public static void CheckKeys(MapArray map)
    {
        var keys = map.Keys;
        if (keys.NullCount > 0) throw new ExecutionException("map key cannot be null");
        if (keys.Length == 0) return;
        var encoded = new ElementKeys(keys);
        var set = new SegmentSet(encoded);
        for (var r = 0; r < map.Length; r++)
        {
            var start = map.Offsets[r];
            var end = map.Offsets[r + 1];
            if (end - start < 2) continue;
            set.Reset(end - start);
            for (var k = start; k < end; k++)
            {
                if (set.Add(k) >= 0)
                {
                    throw new ExecutionException($"Duplicate map keys ({ValueFormatter.Format(keys, k)}) are not allowed");
                }
            }
        }
    }
}
