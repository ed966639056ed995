using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Formats;

/// <summary>Columns that repeat one value (partition keys).</summary>
internal static class ConstantArrays
{
    /// <summary>An array of <paramref name="length"/> copies of a boxed value (null: all NULL).</summary>
    public static ArrowArray Create(DataType type, object? value, int length)
    {
        if (value is null)
        {
            if (type.Id == TypeId.Null) return new NullArray(length);
            var nulls = ArrayBuilder.Create(type, length);
            for (var i = 0; i < length; i++) nulls.AppendNull();
            return nulls.Build();
        }
        switch (type.Id)
        {
            case TypeId.Int8: return Fill(type, (sbyte)value, length);
            case TypeId.Int16: return Fill(type, (short)value, length);
            case TypeId.Int32:
            case TypeId.Date32: return Fill(type, (int)value, length);
            case TypeId.Int64:
            case TypeId.Timestamp: return Fill(type, (long)value, length);
            case TypeId.Float32: return Fill(type, (float)value, length);
            case TypeId.Float64: return Fill(type, (double)value, length);
            case TypeId.Decimal128: return Fill(type, (Int128)value, length);
            case TypeId.Boolean:
                {
                    var bits = new byte[Bitmap.BytesFor(length)];
                    if ((bool)value) bits.AsSpan().Fill(0xFF);
                    return new BooleanArray(bits, length);
                }
            case TypeId.Utf8:
            case TypeId.Binary:
                {
                    var bytes = value is string s ? System.Text.Encoding.UTF8.GetBytes(s) : (byte[])value;
                    var data = new byte[(long)bytes.Length * length];
                    var offsets = new int[length + 1];
                    for (var i = 0; i < length; i++)
                    {
                        bytes.CopyTo(data, (long)i * bytes.Length);
                        offsets[i + 1] = (i + 1) * bytes.Length;
                    }
                    return new BinaryArray(type, offsets, data, length);
                }
        }
        var builder = ArrayBuilder.Create(type, length);
        for (var i = 0; i < length; i++) builder.AppendValue(value);
        return builder.Build();
    }

    private static PrimitiveArray<T> Fill<T>(DataType type, T value, int length)
        where T : unmanaged
    {
        var values = new T[length];
        values.AsSpan().Fill(value);
        return new PrimitiveArray<T>(type, values, length);
    }
}
