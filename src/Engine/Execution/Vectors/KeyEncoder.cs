using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Execution.Vectors;

/// <summary>
/// Encodes rows of key columns into comparable byte strings with their hashes (see <see cref="EncodedKeys"/>): each
/// column contributes a null-flag byte and then its value (fixed-width values in machine byte order; strings as a
/// 4-byte length and the bytes), so equal encodings mean IS NOT DISTINCT FROM-equal keys. Floats are normalized
/// (-0.0 as 0.0, one NaN).
/// </summary>
internal sealed class KeyEncoder
{
    private readonly DataType[] _types;
    private readonly int _fixedWidth;

    public KeyEncoder(IReadOnlyList<DataType> types)
    {
        _types = [.. types];
        var width = 0;
        foreach (var t in _types)
        {
            var w = ValueWidth(t);
            if (w < 0)
            {
                width = -1;
                break;
            }
            width += 1 + w;
        }
        _fixedWidth = width;
    }

    public IReadOnlyList<DataType> Types => _types;

    /// <summary>Bytes per encoded row when every key is fixed-width, else -1.</summary>
    public int FixedWidth => _fixedWidth;

    private static int ValueWidth(DataType type) => type.Id switch
    {
        TypeId.Null => 0,
        TypeId.Boolean => 1,
        TypeId.Utf8 or TypeId.Binary => -1,
        TypeId.List or TypeId.Map or TypeId.Struct => -1,
        _ when type.FixedWidth > 0 => type.FixedWidth,
        _ => throw new NotSupportedQueryException($"{type.SqlName} values cannot be used as grouping or join keys"),
    };

    public EncodedKeys Encode(IReadOnlyList<ArrowArray> columns, int rows)
    {
        var offsets = new int[rows + 1];
        var nested = new (byte[] Data, int[] Offsets)[_types.Length];
        if (_fixedWidth >= 0)
        {
            for (var i = 1; i <= rows; i++) offsets[i] = offsets[i - 1] + _fixedWidth;
        }
        else
        {
            var lengths = new int[rows];
            for (var c = 0; c < _types.Length; c++)
            {
                var w = ValueWidth(_types[c]);
                if (w >= 0)
                {
                    for (var i = 0; i < rows; i++) lengths[i] += 1 + w;
                }
                else if (_types[c].IsNested)
                {
                    nested[c] = NestedKeyCodec.EncodeRows(columns[c], rows);
                    var o = nested[c].Offsets;
                    for (var i = 0; i < rows; i++) lengths[i] += o[i + 1] - o[i];
                }
                else
                {
                    var s = (BinaryArray)columns[c];
                    for (var i = 0; i < rows; i++) lengths[i] += 5 + (s.IsNull(i) ? 0 : s.Offsets[i + 1] - s.Offsets[i]);
                }
            }
            for (var i = 0; i < rows; i++) offsets[i + 1] = checked(offsets[i] + lengths[i]);
        }
        var data = new byte[offsets[rows]];
        var cursor = (int[])offsets.Clone();
        byte[]? nullRows = null;
        for (var c = 0; c < _types.Length; c++)
        {
            var column = columns[c];
            if (column.NullCount > 0)
            {
                nullRows ??= new byte[Bitmap.BytesFor(rows)];
                for (var i = 0; i < rows; i++)
                {
                    if (column.IsNull(i)) Bitmap.Set(nullRows, i);
                }
            }
            if (_types[c].IsNested) CopyNested(nested[c], data, cursor, rows);
            else EncodeColumn(column, _types[c], data, cursor, rows);
        }
        var hashes = new ulong[rows];
        for (var i = 0; i < rows; i++) hashes[i] = Hashing.Bytes(data.AsSpan(offsets[i], offsets[i + 1] - offsets[i]));
        return new EncodedKeys(data, offsets, hashes, nullRows, rows);
    }

    private static void CopyNested((byte[] Data, int[] Offsets) encoded, byte[] data, int[] cursor, int rows)
    {
        for (var i = 0; i < rows; i++)
        {
            var start = encoded.Offsets[i];
            var length = encoded.Offsets[i + 1] - start;
            System.Buffer.BlockCopy(encoded.Data, start, data, cursor[i], length);
            cursor[i] += length;
        }
    }

    private static void EncodeColumn(ArrowArray column, DataType type, byte[] data, int[] cursor, int rows)
    {
        switch (column)
        {
            case PrimitiveArray<sbyte> a: Fixed(a, data, cursor, rows); break;
            case PrimitiveArray<short> a: Fixed(a, data, cursor, rows); break;
            case PrimitiveArray<int> a: Fixed(a, data, cursor, rows); break;
            case PrimitiveArray<long> a: Fixed(a, data, cursor, rows); break;
            case PrimitiveArray<float> a: Fixed(a, data, cursor, rows); break;
            case PrimitiveArray<double> a: Fixed(a, data, cursor, rows); break;
            case PrimitiveArray<Int128> a: Fixed(a, data, cursor, rows); break;
            case BooleanArray b:
                for (var i = 0; i < rows; i++)
                {
                    var p = cursor[i];
                    if (b.IsNull(i))
                    {
                        data[p] = 0;
                        data[p + 1] = 0;
                    }
                    else
                    {
                        data[p] = 1;
                        data[p + 1] = b.GetBit(i) ? (byte)1 : (byte)0;
                    }
                    cursor[i] = p + 2;
                }
                break;
            case BinaryArray s:
                for (var i = 0; i < rows; i++)
                {
                    var p = cursor[i];
                    if (s.IsNull(i))
                    {
                        data.AsSpan(p, 5).Clear();
                        cursor[i] = p + 5;
                        continue;
                    }
                    var value = s.GetBytes(i);
                    data[p] = 1;
                    BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(p + 1), value.Length);
                    value.CopyTo(data.AsSpan(p + 5));
                    cursor[i] = p + 5 + value.Length;
                }
                break;
            case NullArray:
                for (var i = 0; i < rows; i++) data[cursor[i]++] = 0;
                break;
            default:
                throw new NotSupportedQueryException($"{type.SqlName} values cannot be used as grouping or join keys");
        }
    }

    private static void Fixed<T>(PrimitiveArray<T> a, byte[] data, int[] cursor, int rows)
        where T : unmanaged
    {
        var width = Unsafe.SizeOf<T>();
        var values = a.Values;
        var validity = a.Validity;
        for (var i = 0; i < rows; i++)
        {
            var p = cursor[i];
            if (validity is not null && !Bitmap.Get(validity, i))
            {
                data.AsSpan(p, width + 1).Clear();
            }
            else
            {
                data[p] = 1;
                Unsafe.WriteUnaligned(ref data[p + 1], Normalize(values[i]));
            }
            cursor[i] = p + 1 + width;
        }
    }

    /// <summary>Makes equal floats encode equally: -0.0 as 0.0, every NaN as the canonical NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Normalize<T>(T value)
        where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            var d = Unsafe.As<T, double>(ref value);
            d = double.IsNaN(d) ? double.NaN : d + 0d;
            return Unsafe.As<double, T>(ref d);
        }
        if (typeof(T) == typeof(float))
        {
            var f = Unsafe.As<T, float>(ref value);
            f = float.IsNaN(f) ? float.NaN : f + 0f;
            return Unsafe.As<float, T>(ref f);
        }
        return value;
    }

    /// <summary>Decodes the key columns of stored rows (the inverse of <see cref="Encode"/>).</summary>
    public ArrowArray[] Decode(byte[] data, ReadOnlySpan<int> offsets, int rows)
    {
        var cursor = new int[rows];
        for (var i = 0; i < rows; i++) cursor[i] = offsets[i];
        var result = new ArrowArray[_types.Length];
        for (var c = 0; c < _types.Length; c++) result[c] = DecodeColumn(_types[c], data, cursor, rows);
        return result;
    }

    private static ArrowArray DecodeColumn(DataType type, byte[] data, int[] cursor, int rows)
    {
        switch (type.Id)
        {
            case TypeId.Int8: return DecodeFixed<sbyte>(type, data, cursor, rows);
            case TypeId.Int16: return DecodeFixed<short>(type, data, cursor, rows);
            case TypeId.Int32 or TypeId.Date32: return DecodeFixed<int>(type, data, cursor, rows);
            case TypeId.Int64 or TypeId.Timestamp: return DecodeFixed<long>(type, data, cursor, rows);
            case TypeId.Float32: return DecodeFixed<float>(type, data, cursor, rows);
            case TypeId.Float64: return DecodeFixed<double>(type, data, cursor, rows);
            case TypeId.Decimal128: return DecodeFixed<Int128>(type, data, cursor, rows);
            case TypeId.Boolean:
                {
                    var builder = new BooleanBuilder(rows);
                    for (var i = 0; i < rows; i++)
                    {
                        var p = cursor[i];
                        if (data[p] == 0) builder.AppendNull();
                        else builder.Append(data[p + 1] != 0);
                        cursor[i] = p + 2;
                    }
                    return builder.Build();
                }
            case TypeId.Utf8 or TypeId.Binary:
                {
                    var builder = new BinaryBuilder(type, rows);
                    for (var i = 0; i < rows; i++)
                    {
                        var p = cursor[i];
                        var len = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(p + 1));
                        if (data[p] == 0) builder.AppendNull();
                        else builder.Append(data.AsSpan(p + 5, len));
                        cursor[i] = p + 5 + len;
                    }
                    return builder.Build();
                }
            case TypeId.Null:
                for (var i = 0; i < rows; i++) cursor[i]++;
                return new NullArray(rows);
            case TypeId.List or TypeId.Map or TypeId.Struct:
                return NestedKeyCodec.Decode(type, data, cursor, rows);
            default:
                throw new NotSupportedQueryException($"{type.SqlName} values cannot be used as grouping keys");
        }
    }

    private static PrimitiveArray<T> DecodeFixed<T>(DataType type, byte[] data, int[] cursor, int rows)
        where T : unmanaged
    {
        var width = Unsafe.SizeOf<T>();
        var values = new T[rows];
        byte[]? validity = null;
        for (var i = 0; i < rows; i++)
        {
            var p = cursor[i];
            if (data[p] == 0)
            {
                validity ??= Bitmap.AllSet(rows);
                Bitmap.Clear(validity, i);
            }
            else
            {
                values[i] = Unsafe.ReadUnaligned<T>(ref data[p + 1]);
            }
            cursor[i] = p + 1 + width;
        }
        return new PrimitiveArray<T>(type, values, rows, validity);
    }
}
