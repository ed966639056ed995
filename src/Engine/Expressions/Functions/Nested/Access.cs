using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Functions.Nested;

/// <summary>Element access: <c>a[i]</c>, <c>m[k]</c>, element_at, row field access, cardinality.</summary>
internal static class Access
{
    /// <summary>
    /// Array element by 1-based index. The subscript operator raises for an index outside the array; element_at
    /// returns null there and counts negative indexes from the end. Index 0 is an error for both.
    /// </summary>
    public static ArrowArray ArrayElement(Vec[] args, int rows, bool elementAt)
    {
        var lists = Lists.Flat(args[0], rows);
        var index = args[1].Expand(rows);
        var indexes = (PrimitiveArray<long>)index;
        var gather = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            gather[r] = -1;
            if (lists.IsNull(r) || index.IsNull(r)) continue;
            var length = lists.ValueLength(r);
            var i = indexes[r];
            if (i == 0) throw new ExecutionException("SQL array indices start at 1");
            if (!elementAt)
            {
                if (i < 0) throw new ExecutionException($"Array subscript is negative: {i}");
                if (i > length) throw new ExecutionException($"Array subscript must be less than or equal to array length: {i} > {length}");
            }
            var position = i > 0 ? i - 1 : length + i;
            if (position < 0 || position >= length) continue;
            gather[r] = lists.Offsets[r] + (int)position;
        }
        return lists.Values.Take(gather);
    }

    /// <summary>Map value by key: the subscript operator raises when the key is missing, element_at returns null.</summary>
    public static ArrowArray MapValue(Vec[] args, int rows, bool elementAt)
    {
        var maps = Lists.FlatMap(args[0], rows);
        var probe = args[1];
        var keys = new ElementKeys(maps.Keys);
        var probes = new ElementKeys(probe.Array);
        var step = probe.IsConstant ? 0 : 1;
        var gather = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            gather[r] = -1;
            if (maps.IsNull(r) || probe.IsNull(r)) continue;
            var found = -1;
            for (var k = maps.Offsets[r]; k < maps.Offsets[r + 1]; k++)
            {
                if (keys.Equal(k, probes, r * step))
                {
                    found = k;
                    break;
                }
            }
            if (found < 0 && !elementAt)
            {
                throw new ExecutionException($"Key not present in map: {ValueFormatter.Format(probe.Array, r * step)}");
            }
            gather[r] = found;
        }
        return maps.Values.Take(gather);
    }

    /// <summary>Field <paramref name="field"/> of a row column (null where the row is null).</summary>
    public static ArrowArray Field(Vec row, int rows, int field)
    {
        var s = (StructArray)row.Expand(rows);
        var child = s.Children[field];
        return s.Validity is null ? child : ArrayFactory.WithValidity(child, s.Validity);
    }

    public static ArrowArray Cardinality(Vec[] args, int rows)
    {
        var a = args[0].Array;
        var n = args[0].IsConstant ? 1 : rows;
        var offsets = a switch
        {
            ListArray l => l.Offsets,
            MapArray m => m.Offsets,
            _ => throw new InternalException($"cardinality of {a.Type}"),
        };
        var result = new long[n];
        for (var r = 0; r < n; r++) result[r] = offsets[r + 1] - offsets[r];
        return new PrimitiveArray<long>(DataType.Int64, result, n, a.Validity is null ? null : Bits.Copy(a.Validity, n));
    }
}
