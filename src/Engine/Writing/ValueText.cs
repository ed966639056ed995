using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Writing;

/// <summary>How a flat column's values are spelled in text output.</summary>
internal enum ValueKind
{
    Boolean,
    Int8,
    Int16,
    Int32,
    Int64,
    Float32,
    Float64,
    Decimal,
    Date,
    Timestamp,
    PicoTimestamp,
    Time,
    Json,
    Utf8,
    Binary,
    Nested,
}

/// <summary>Appends one non-null flat value as text (the spelling Hive's text SerDe and our readers accept).</summary>
internal static class ValueText
{
    public static ValueKind KindOf(DataType type) => type.Id switch
    {
        _ when type is TimeType => ValueKind.Time,
        _ when type is TimestampType { IsPicos: true } => ValueKind.PicoTimestamp,
        _ when type is JsonType => ValueKind.Json,
        TypeId.Boolean => ValueKind.Boolean,
        TypeId.Int8 => ValueKind.Int8,
        TypeId.Int16 => ValueKind.Int16,
        TypeId.Int32 => ValueKind.Int32,
        TypeId.Int64 => ValueKind.Int64,
        TypeId.Float32 => ValueKind.Float32,
        TypeId.Float64 => ValueKind.Float64,
        TypeId.Decimal128 => ValueKind.Decimal,
        TypeId.Date32 => ValueKind.Date,
        TypeId.Timestamp => ValueKind.Timestamp,
        TypeId.Utf8 => ValueKind.Utf8,
        TypeId.Binary => ValueKind.Binary,
        TypeId.Null => ValueKind.Utf8,
        _ => ValueKind.Nested,
    };

    public static void Append(ByteBuffer buffer, ArrowArray array, ValueKind kind, int scale, int row)
    {
        switch (kind)
        {
            case ValueKind.Boolean:
                buffer.Append(((BooleanArray)array).GetBit(row) ? "true"u8 : "false"u8);
                break;
            case ValueKind.Int8:
                buffer.Append(((PrimitiveArray<sbyte>)array)[row]);
                break;
            case ValueKind.Int16:
                buffer.Append(((PrimitiveArray<short>)array)[row]);
                break;
            case ValueKind.Int32:
                buffer.Append(((PrimitiveArray<int>)array)[row]);
                break;
            case ValueKind.Int64:
                buffer.Append(((PrimitiveArray<long>)array)[row]);
                break;
            case ValueKind.Float32:
                buffer.Append(ValueFormatter.FormatReal(((PrimitiveArray<float>)array)[row]));
                break;
            case ValueKind.Float64:
                buffer.Append(ValueFormatter.FormatDouble(((PrimitiveArray<double>)array)[row]));
                break;
            case ValueKind.Decimal:
                buffer.Append(ValueFormatter.FormatDecimal(((PrimitiveArray<Int128>)array)[row], scale));
                break;
            case ValueKind.Date:
                buffer.Append(ValueFormatter.FormatDate(((PrimitiveArray<int>)array)[row]));
                break;
            case ValueKind.PicoTimestamp:
                buffer.Append(ValueFormatter.FormatPicoTimestamp(((PrimitiveArray<Int128>)array)[row], ((TimestampType)array.Type).WithZone(null)));
                break;
            case ValueKind.Timestamp:
                buffer.Append(ValueFormatter.FormatTimestamp(((PrimitiveArray<long>)array)[row], ((TimestampType)array.Type).Precision));
                break;
            case ValueKind.Time:
                buffer.Append(ValueFormatter.Format(array, row));
                break;
            case ValueKind.Utf8:
            case ValueKind.Json:
                buffer.Append(((BinaryArray)array).GetBytes(row));
                break;
            case ValueKind.Binary:
                buffer.Append(Convert.ToBase64String(((BinaryArray)array).GetBytes(row)));
                break;
            default:
                buffer.Append(ValueFormatter.Format(array, row));
                break;
        }
    }
}
