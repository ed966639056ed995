using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Execution.Vectors;

/// <summary>
/// Byte encoding of array, map and row values for hashing and equality (GROUP BY, DISTINCT, joins, =, IN, element
/// lookups): a null flag, then for arrays and maps a 4-byte count and the encoded elements (keys and values
/// alternating), for rows the encoded fields, for scalars their bytes (strings length-prefixed). Equal values encode
/// equally; <see cref="Decode"/> reverses it.
/// </summary>
internal static class NestedKeyCodec
{
    /// <summary>Every row's encoding: row i is <c>Data[Offsets[i] .. Offsets[i + 1])</c>.</summary>
    public static (byte[] Data, int[] Offsets) EncodeRows(ArrowArray column, int rows)
    {
        var writer = new ArrayBufferWriter<byte>(Math.Max(256, rows * 16));
        var offsets = new int[rows + 1];
        for (var i = 0; i < rows; i++)
        {
            Write(column, i, writer);
            offsets[i + 1] = writer.WrittenCount;
        }
        return (writer.WrittenSpan.ToArray(), offsets);
    }

    private static void Write(ArrowArray a, int row, ArrayBufferWriter<byte> w)
    {
        if (a.IsNull(row))
        {
            w.Write([(byte)0]);
            return;
        }
        w.Write([(byte)1]);
        switch (a)
        {
            case PrimitiveArray<sbyte> p: Fixed(p[row], w); break;
            case PrimitiveArray<short> p: Fixed(p[row], w); break;
            case PrimitiveArray<int> p: Fixed(p[row], w); break;
            case PrimitiveArray<long> p: Fixed(p[row], w); break;
            case PrimitiveArray<float> p: Fixed(float.IsNaN(p[row]) ? float.NaN : p[row] + 0f, w); break;
            case PrimitiveArray<double> p: Fixed(double.IsNaN(p[row]) ? double.NaN : p[row] + 0d, w); break;
            case PrimitiveArray<Int128> p: Fixed(p[row], w); break;
            case BooleanArray b: w.Write([b.GetBit(row) ? (byte)1 : (byte)0]); break;
            case BinaryArray s:
                {
                    var bytes = s.GetBytes(row);
                    Fixed(bytes.Length, w);
                    w.Write(bytes);
                    break;
                }
            case ListArray l:
                Fixed(l.ValueLength(row), w);
                for (var k = l.Offsets[row]; k < l.Offsets[row + 1]; k++) Write(l.Values, k, w);
                break;
            case MapArray m:
                Fixed(m.Offsets[row + 1] - m.Offsets[row], w);
                for (var k = m.Offsets[row]; k < m.Offsets[row + 1]; k++)
                {
                    Write(m.Keys, k, w);
                    Write(m.Values, k, w);
                }
                break;
            case StructArray s:
                foreach (var child in s.Children) Write(child, row, w);
                break;
            default:
                throw new NotSupportedQueryException($"{a.Type.SqlName} values cannot be used as grouping or join keys");
        }
    }

    private static void Fixed<T>(T value, ArrayBufferWriter<byte> w)
        where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        var span = w.GetSpan(size);
        Unsafe.WriteUnaligned(ref span[0], value);
        w.Advance(size);
    }

    /// <summary>Decodes one column of <paramref name="type"/> for <paramref name="rows"/> rows, advancing each row's cursor.</summary>
    public static ArrowArray Decode(DataType type, byte[] data, int[] cursor, int rows)
    {
        var builder = ArrayBuilder.Create(type, rows);
        for (var i = 0; i < rows; i++)
        {
            var p = cursor[i];
            builder.AppendValue(Read(type, data, ref p));
            cursor[i] = p;
        }
        return builder.Build();
    }

    private static object? Read(DataType type, byte[] data, ref int p)
    {
        if (data[p++] == 0) return null;
        switch (type)
        {
            case ListType l:
                {
                    var items = new object?[ReadInt(data, ref p)];
                    for (var k = 0; k < items.Length; k++) items[k] = Read(l.Element.Type, data, ref p);
                    return items;
                }
            case MapType m:
                {
                    var entries = new KeyValuePair<object?, object?>[ReadInt(data, ref p)];
                    for (var k = 0; k < entries.Length; k++)
                    {
                        var key = Read(m.Key.Type, data, ref p);
                        entries[k] = new KeyValuePair<object?, object?>(key, Read(m.Value.Type, data, ref p));
                    }
                    return entries;
                }
            case StructType s:
                {
                    var fields = new object?[s.Fields.Count];
                    for (var k = 0; k < fields.Length; k++) fields[k] = Read(s.Fields[k].Type, data, ref p);
                    return fields;
                }
        }
        switch (type.Id)
        {
            case TypeId.Boolean: return data[p++] != 0;
            case TypeId.Utf8 or TypeId.Binary:
                {
                    var length = ReadInt(data, ref p);
                    var bytes = data.AsSpan(p, length);
                    p += length;
                    return type.Id == TypeId.Utf8 ? System.Text.Encoding.UTF8.GetString(bytes) : bytes.ToArray();
                }
            case TypeId.Int8: return ReadFixed<sbyte>(data, ref p);
            case TypeId.Int16: return ReadFixed<short>(data, ref p);
            case TypeId.Int32 or TypeId.Date32: return ReadFixed<int>(data, ref p);
            case TypeId.Int64 or TypeId.Timestamp: return ReadFixed<long>(data, ref p);
            case TypeId.Float32: return ReadFixed<float>(data, ref p);
            case TypeId.Float64: return ReadFixed<double>(data, ref p);
            case TypeId.Decimal128: return ReadFixed<Int128>(data, ref p);
            default: throw new InternalException($"cannot decode a {type.SqlName} key");
        }
    }

    private static int ReadInt(byte[] data, ref int p)
    {
        var value = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(p));
        p += 4;
        return value;
    }

    private static T ReadFixed<T>(byte[] data, ref int p)
        where T : unmanaged
    {
        var value = Unsafe.ReadUnaligned<T>(ref data[p]);
        p += Unsafe.SizeOf<T>();
        return value;
    }

    /// <summary>Whether a valid nested value holds a null anywhere inside (its equality with an equal value is unknown).</summary>
    public static bool ContainsNull(ArrowArray a, int row)
    {
        if (a.IsNull(row)) return true;
        switch (a)
        {
            case ListArray l:
                for (var k = l.Offsets[row]; k < l.Offsets[row + 1]; k++)
                {
                    if (ContainsNull(l.Values, k)) return true;
                }
                return false;
            case MapArray m:
                for (var k = m.Offsets[row]; k < m.Offsets[row + 1]; k++)
                {
                    if (ContainsNull(m.Values, k)) return true;
                }
                return false;
            case StructArray s:
                foreach (var child in s.Children)
                {
                    if (ContainsNull(child, row)) return true;
                }
                return false;
            default:
                return false;
        }
    }
}
