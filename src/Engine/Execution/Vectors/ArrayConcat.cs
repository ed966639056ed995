using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Vectors;

/// <summary>Concatenation of same-typed arrays and batches.</summary>
internal static class ArrayConcat
{
    public static ArrowArray Concat(IReadOnlyList<ArrowArray> arrays, DataType type)
    {
        if (arrays.Count == 0) return ArrayFactory.Empty(type);
        if (arrays.Count == 1) return arrays[0];
        var total = 0;
        var anyNull = false;
        foreach (var a in arrays)
        {
            total += a.Length;
            anyNull |= a.NullCount > 0;
        }
        var validity = anyNull ? ConcatValidity(arrays, total) : null;
        return arrays[0] switch
        {
            PrimitiveArray<sbyte> => Primitive<sbyte>(arrays, type, total, validity),
            PrimitiveArray<short> => Primitive<short>(arrays, type, total, validity),
            PrimitiveArray<int> => Primitive<int>(arrays, type, total, validity),
            PrimitiveArray<long> => Primitive<long>(arrays, type, total, validity),
            PrimitiveArray<float> => Primitive<float>(arrays, type, total, validity),
            PrimitiveArray<double> => Primitive<double>(arrays, type, total, validity),
            PrimitiveArray<Int128> => Primitive<Int128>(arrays, type, total, validity),
            BooleanArray => Boolean(arrays, total, validity),
            BinaryArray => Binary(arrays, type, total, validity),
            NullArray => new NullArray(total),
            ListArray => List(arrays, (ListType)type, total, validity),
            MapArray => Map(arrays, (MapType)type, total, validity),
            StructArray => Struct(arrays, (StructType)type, total, validity),
            _ => Boxed(arrays, type),
        };
    }

    public static RecordBatch Concat(IReadOnlyList<RecordBatch> batches, Schema schema)
    {
        if (batches.Count == 1) return batches[0].WithSchema(schema);
        var columns = new ArrowArray[schema.Count];
        var rows = 0;
        foreach (var b in batches) rows += b.RowCount;
        var parts = new ArrowArray[batches.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            for (var i = 0; i < parts.Length; i++) parts[i] = batches[i].Column(c);
            columns[c] = Concat(parts, schema[c].Type);
        }
        return new RecordBatch(schema, columns, rows);
    }

    private static byte[] ConcatValidity(IReadOnlyList<ArrowArray> arrays, int total)
    {
        var result = new byte[Bitmap.BytesFor(total)];
        var pos = 0;
        foreach (var a in arrays)
        {
            var v = a.Validity;
            if (v is null)
            {
                for (var i = 0; i < a.Length; i++) Bitmap.Set(result, pos + i);
            }
            else if ((pos & 7) == 0)
            {
                var bytes = Bitmap.BytesFor(a.Length);
                v.AsSpan(0, bytes).CopyTo(result.AsSpan(pos >> 3));
                Bits.ClearTail(result.AsSpan(pos >> 3, bytes), a.Length);
            }
            else
            {
                for (var i = 0; i < a.Length; i++)
                {
                    if (Bitmap.Get(v, i)) Bitmap.Set(result, pos + i);
                }
            }
            pos += a.Length;
        }
        return result;
    }

    private static PrimitiveArray<T> Primitive<T>(IReadOnlyList<ArrowArray> arrays, DataType type, int total, byte[]? validity)
        where T : unmanaged
    {
        var values = new T[total];
        var pos = 0;
        foreach (var a in arrays)
        {
            var p = (PrimitiveArray<T>)a;
            p.Values.CopyTo(values.AsSpan(pos));
            pos += p.Length;
        }
        return new PrimitiveArray<T>(type, values, total, validity);
    }

    private static BooleanArray Boolean(IReadOnlyList<ArrowArray> arrays, int total, byte[]? validity)
    {
        var bits = new byte[Bitmap.BytesFor(total)];
        var pos = 0;
        foreach (var a in arrays)
        {
            var b = (BooleanArray)a;
            for (var i = 0; i < b.Length; i++)
            {
                if (b.GetBit(i)) Bitmap.Set(bits, pos + i);
            }
            pos += b.Length;
        }
        return new BooleanArray(bits, total, validity);
    }

    private static BinaryArray Binary(IReadOnlyList<ArrowArray> arrays, DataType type, int total, byte[]? validity)
    {
        long bytes = 0;
        foreach (var a in arrays)
        {
            var s = (BinaryArray)a;
            bytes += s.Offsets[s.Length] - s.Offsets[0];
        }
        if (bytes > int.MaxValue) throw new Common.ResourceExhaustedException("a string column exceeds 2 GB");
        var data = new byte[bytes];
        var offsets = new int[total + 1];
        var row = 0;
        var dataPos = 0;
        foreach (var a in arrays)
        {
            var s = (BinaryArray)a;
            var start = s.Offsets[0];
            var len = s.Offsets[s.Length] - start;
            System.Buffer.BlockCopy(s.Data, start, data, dataPos, len);
            var shift = dataPos - start;
            for (var i = 1; i <= s.Length; i++) offsets[row + i] = s.Offsets[i] + shift;
            row += s.Length;
            dataPos += len;
        }
        return new BinaryArray(type, offsets, data, total, validity);
    }

    /// <summary>Offsets of the concatenated lists, and each input's child rows in offset order (a copy when an input's child holds extra rows).</summary>
    private static int[] NestedOffsets(IReadOnlyList<ArrowArray> arrays, Func<ArrowArray, int[]> offsetsOf, Func<ArrowArray, ArrowArray> childOf, List<ArrowArray> parts, int total)
    {
        var offsets = new int[total + 1];
        var row = 0;
        foreach (var a in arrays)
        {
            var o = offsetsOf(a);
            var start = o[0];
            var shift = offsets[row] - start;
            for (var i = 1; i <= a.Length; i++) offsets[row + i] = checked(o[i] + shift);
            var indices = new int[o[a.Length] - start];
            for (var i = 0; i < indices.Length; i++) indices[i] = start + i;
            var child = childOf(a);
            parts.Add(indices.Length == child.Length && start == 0 ? child : child.Take(indices));
            row += a.Length;
        }
        return offsets;
    }

    private static ListArray List(IReadOnlyList<ArrowArray> arrays, ListType type, int total, byte[]? validity)
    {
        var parts = new List<ArrowArray>(arrays.Count);
        var offsets = NestedOffsets(arrays, a => ((ListArray)a).Offsets, a => ((ListArray)a).Values, parts, total);
        return new ListArray(type, offsets, Concat(parts, type.Element.Type), total, validity);
    }

    private static MapArray Map(IReadOnlyList<ArrowArray> arrays, MapType type, int total, byte[]? validity)
    {
        var keys = new List<ArrowArray>(arrays.Count);
        var values = new List<ArrowArray>(arrays.Count);
        var offsets = NestedOffsets(arrays, a => ((MapArray)a).Offsets, a => ((MapArray)a).Keys, keys, total);
        NestedOffsets(arrays, a => ((MapArray)a).Offsets, a => ((MapArray)a).Values, values, total);
        return new MapArray(type, offsets, Concat(keys, type.Key.Type), Concat(values, type.Value.Type), total, validity);
    }

    private static StructArray Struct(IReadOnlyList<ArrowArray> arrays, StructType type, int total, byte[]? validity)
    {
        var children = new ArrowArray[type.Fields.Count];
        var parts = new ArrowArray[arrays.Count];
        for (var f = 0; f < children.Length; f++)
        {
            for (var i = 0; i < parts.Length; i++) parts[i] = ((StructArray)arrays[i]).Children[f];
            children[f] = Concat(parts, type.Fields[f].Type);
        }
        return new StructArray(type, children, total, validity);
    }

    private static ArrowArray Boxed(IReadOnlyList<ArrowArray> arrays, DataType type)
    {
        var builder = ArrayBuilder.Create(type);
        foreach (var a in arrays)
        {
            for (var i = 0; i < a.Length; i++) builder.AppendValue(a.GetValue(i));
        }
        return builder.Build();
    }
}
