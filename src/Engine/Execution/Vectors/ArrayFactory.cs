using System.Globalization;
using System.Numerics;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Execution.Vectors;

/// <summary>Creates arrays: all-null columns, one-row columns from boxed literals, repeated values, empty columns.</summary>
internal static class ArrayFactory
{
    /// <summary>An array of <paramref name="length"/> nulls of <paramref name="type"/>.</summary>
    public static ArrowArray AllNull(DataType type, int length)
    {
        var validity = new byte[Bitmap.BytesFor(length)];
        return type.Id switch
        {
            TypeId.Null => new NullArray(length),
            TypeId.Boolean => new BooleanArray(new byte[Bitmap.BytesFor(length)], length, validity, length),
            TypeId.Int8 => new PrimitiveArray<sbyte>(type, new sbyte[length], length, validity, length),
            TypeId.Int16 => new PrimitiveArray<short>(type, new short[length], length, validity, length),
            TypeId.Int32 or TypeId.Date32 => new PrimitiveArray<int>(type, new int[length], length, validity, length),
            TypeId.Int64 or TypeId.Timestamp => new PrimitiveArray<long>(type, new long[length], length, validity, length),
            TypeId.Float32 => new PrimitiveArray<float>(type, new float[length], length, validity, length),
            TypeId.Float64 => new PrimitiveArray<double>(type, new double[length], length, validity, length),
            TypeId.Decimal128 => new PrimitiveArray<Int128>(type, new Int128[length], length, validity, length),
            TypeId.Utf8 or TypeId.Binary => new BinaryArray(type, new int[length + 1], [], length, validity, length),
            _ => BuildNulls(type, length),
        };
    }

    private static ArrowArray BuildNulls(DataType type, int length)
    {
        var builder = ArrayBuilder.Create(type, length);
        for (var i = 0; i < length; i++) builder.AppendNull();
        return builder.Build();
    }

    /// <summary>An array with zero rows.</summary>
    public static ArrowArray Empty(DataType type) => AllNull(type, 0);

    /// <summary>A one-row array holding a boxed literal (null is SQL NULL), converting compatible boxed numeric representations.</summary>
    public static ArrowArray FromValue(object? value, DataType type)
    {
        if (value is null) return AllNull(type, 1);
        var builder = ArrayBuilder.Create(type, 1);
        builder.AppendValue(Normalize(value, type));
        return builder.Build();
    }

    /// <summary>Converts a boxed literal to the exact CLR representation <see cref="DataType"/> documents for <paramref name="type"/>.</summary>
    public static object Normalize(object value, DataType type)
    {
        try
        {
            switch (type.Id)
            {
                case TypeId.Boolean: return (bool)value;
                case TypeId.Int8: return value is sbyte ? value : Convert.ToSByte(value, CultureInfo.InvariantCulture);
                case TypeId.Int16: return value is short ? value : Convert.ToInt16(value, CultureInfo.InvariantCulture);
                case TypeId.Int32: return value is int ? value : Convert.ToInt32(value, CultureInfo.InvariantCulture);
                case TypeId.Int64: return value is long ? value : Convert.ToInt64(value, CultureInfo.InvariantCulture);
                case TypeId.Float32: return value is float ? value : Convert.ToSingle(value, CultureInfo.InvariantCulture);
                case TypeId.Float64: return value is double ? value : Convert.ToDouble(value, CultureInfo.InvariantCulture);
                case TypeId.Decimal128:
                    return value switch
                    {
                        Int128 => value,
                        long l => (Int128)l,
                        int i => (Int128)i,
                        BigInteger b => (Int128)b,
                        _ => throw new InternalException($"decimal literal must be an unscaled Int128, got {value.GetType().Name}"),
                    };
                case TypeId.Date32:
                    return value switch
                    {
                        int => value,
                        DateOnly d => d.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber,
                        _ => Convert.ToInt32(value, CultureInfo.InvariantCulture),
                    };
                case TypeId.Timestamp:
                    return value switch
                    {
                        long => value,
                        DateTime dt => (dt.Ticks - DateTime.UnixEpoch.Ticks) / 10,
                        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
                    };
                case TypeId.Utf8: return value is string ? value : throw new InternalException($"varchar literal must be a string, got {value.GetType().Name}");
                case TypeId.Binary: return value is byte[]? value : throw new InternalException($"varbinary literal must be byte[], got {value.GetType().Name}");
                default: return value;
            }
        }
        catch (Exception e) when (e is InvalidCastException or OverflowException or FormatException)
        {
            throw new InternalException($"literal {value} ({value.GetType().Name}) does not fit type {type}", e);
        }
    }

    /// <summary><paramref name="length"/> copies of row 0 of <paramref name="single"/>.</summary>
    public static ArrowArray Repeat(ArrowArray single, int length)
    {
        if (single.IsNull(0)) return AllNull(single.Type, length);
        switch (single)
        {
            case PrimitiveArray<sbyte> a: return Fill(a, length);
            case PrimitiveArray<short> a: return Fill(a, length);
            case PrimitiveArray<int> a: return Fill(a, length);
            case PrimitiveArray<long> a: return Fill(a, length);
            case PrimitiveArray<float> a: return Fill(a, length);
            case PrimitiveArray<double> a: return Fill(a, length);
            case PrimitiveArray<Int128> a: return Fill(a, length);
            case BooleanArray b:
                {
                    var bits = b.GetBit(0) ? Bitmap.AllSet(length) : new byte[Bitmap.BytesFor(length)];
                    return new BooleanArray(bits, length);
                }
            case BinaryArray s:
                {
                    var value = s.GetBytes(0);
                    var data = new byte[value.Length * length];
                    var offsets = new int[length + 1];
                    for (var i = 0; i < length; i++)
                    {
                        value.CopyTo(data.AsSpan(i * value.Length));
                        offsets[i + 1] = (i + 1) * value.Length;
                    }
                    return new BinaryArray(s.Type, offsets, data, length);
                }
            default:
                return single.Take(new int[length]);
        }
    }

    private static PrimitiveArray<T> Fill<T>(PrimitiveArray<T> single, int length)
        where T : unmanaged
    {
        var values = new T[length];
        values.AsSpan().Fill(single[0]);
        return new PrimitiveArray<T>(single.Type, values, length);
    }

    /// <summary>A copy of <paramref name="array"/> with rows where <paramref name="validity"/> is clear made null.</summary>
    public static ArrowArray WithValidity(ArrowArray array, byte[] validity)
    {
        var combined = Bits.And(array.Validity, validity, array.Length);
        return array switch
        {
            PrimitiveArray<sbyte> a => new PrimitiveArray<sbyte>(a.Type, a.Buffer, a.Length, combined),
            PrimitiveArray<short> a => new PrimitiveArray<short>(a.Type, a.Buffer, a.Length, combined),
            PrimitiveArray<int> a => new PrimitiveArray<int>(a.Type, a.Buffer, a.Length, combined),
            PrimitiveArray<long> a => new PrimitiveArray<long>(a.Type, a.Buffer, a.Length, combined),
            PrimitiveArray<float> a => new PrimitiveArray<float>(a.Type, a.Buffer, a.Length, combined),
            PrimitiveArray<double> a => new PrimitiveArray<double>(a.Type, a.Buffer, a.Length, combined),
            PrimitiveArray<Int128> a => new PrimitiveArray<Int128>(a.Type, a.Buffer, a.Length, combined),
            BooleanArray b => new BooleanArray(b.Bits, b.Length, combined),
            BinaryArray s => new BinaryArray(s.Type, s.Offsets, s.Data, s.Length, combined),
            NullArray => array,
            _ => MaskByTake(array, validity),
        };
    }

    private static ArrowArray MaskByTake(ArrowArray array, byte[] validity)
    {
        var indices = new int[array.Length];
        for (var i = 0; i < indices.Length; i++) indices[i] = Bitmap.Get(validity, i) ? i : -1;
        return array.Take(indices);
    }
}
