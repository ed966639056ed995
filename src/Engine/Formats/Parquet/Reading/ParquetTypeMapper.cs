using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Formats.Parquet.Metadata;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// Chooses the engine type of a leaf from its physical type and its logical (or legacy converted) annotation.
/// Unsigned integers widen to the next signed type (UINT64 to decimal(20,0)); TIMESTAMP of every unit and INT96
/// read as microsecond timestamps (zoned when adjusted to UTC); TIME as time(3), time(6) or time(9) by unit; JSON as
/// the JSON type (its text as written); UUID reads as its canonical text; FLOAT16 as real.
/// </summary>
internal static class ParquetTypeMapper
{
    public static (DataType? Type, ValueKind Kind, string? Unsupported) Map(SchemaElement e, string path)
    {
        var logical = e.LogicalType;
        var converted = e.ConvertedType;
        var kind = logical?.Kind ?? LogicalTypeKind.None;
        var isDecimal = kind == LogicalTypeKind.Decimal || (kind == LogicalTypeKind.None && converted == ConvertedType.Decimal);
        if (isDecimal)
        {
            var precision = kind == LogicalTypeKind.Decimal ? logical!.Precision : e.Precision;
            var scale = kind == LogicalTypeKind.Decimal ? logical!.Scale : e.Scale;
            if (precision is < 1 or > DecimalType.MaxPrecision || scale < 0 || scale > precision)
            {
                return (null, ValueKind.Binary, $"Parquet column '{path}': DECIMAL({precision},{scale}) is not supported (precision 1..38)");
            }
            var decimalKind = e.Type switch
            {
                PhysicalType.Int32 => ValueKind.DecimalInt32,
                PhysicalType.Int64 => ValueKind.DecimalInt64,
                PhysicalType.ByteArray or PhysicalType.FixedLenByteArray => ValueKind.DecimalBytes,
                _ => (ValueKind?)null,
            };
            if (decimalKind is null) return (null, ValueKind.Binary, $"Parquet column '{path}': DECIMAL on {e.Type} is not valid");
            return (DataType.Decimal(precision, scale), decimalKind.Value, null);
        }
        switch (e.Type)
        {
            case PhysicalType.Boolean:
                return (DataType.Boolean, ValueKind.Boolean, null);
            case PhysicalType.Int32:
                if (kind == LogicalTypeKind.Date || converted == ConvertedType.Date) return (DataType.Date32, ValueKind.Date, null);
                if (kind == LogicalTypeKind.Time && logical!.Unit == TimeUnit.Millis || kind == LogicalTypeKind.None && converted == ConvertedType.TimeMillis)
                {
                    return (new TimeType(3), ValueKind.TimeMillis, null);
                }
                if (kind == LogicalTypeKind.Time) return Unsupported(path, "TIME(MICROS or NANOS) on INT32");
                if (kind == LogicalTypeKind.Integer) return Integer32(logical!.BitWidth, logical.IsSigned, path);
                return converted switch
                {
                    ConvertedType.Int8 => Integer32(8, true, path),
                    ConvertedType.Int16 => Integer32(16, true, path),
                    ConvertedType.Uint8 => Integer32(8, false, path),
                    ConvertedType.Uint16 => Integer32(16, false, path),
                    ConvertedType.Uint32 => Integer32(32, false, path),
                    _ => (DataType.Int32, ValueKind.Int32, null),
                };
            case PhysicalType.Int64:
                if (kind == LogicalTypeKind.Timestamp)
                {
                    // The unit gives the precision: millis timestamp(3), micros timestamp(6); nanos read as timestamp(6)
                    // (rounded to microseconds), the finest precision the engine stores.
                    var unit = logical!.Unit switch
                    {
                        TimeUnit.Millis => ValueKind.TimestampMillis,
                        TimeUnit.Nanos => ValueKind.TimestampNanos,
                        _ => ValueKind.TimestampMicros,
                    };
                    // Nanoseconds read exactly as timestamp(9) (Int128 picoseconds).
                    var precision = unit switch { ValueKind.TimestampMillis => 3, ValueKind.TimestampNanos => 9, _ => TimestampType.MaxPrecision };
                    return (new TimestampType(logical.IsAdjustedToUtc ? "UTC" : null, precision), unit, null);
                }
                if (kind == LogicalTypeKind.None && converted == ConvertedType.TimestampMillis) return (new TimestampType("UTC", 3), ValueKind.TimestampMillis, null);
                if (kind == LogicalTypeKind.None && converted == ConvertedType.TimestampMicros) return (new TimestampType("UTC"), ValueKind.TimestampMicros, null);
                if (kind == LogicalTypeKind.Time)
                {
                    return logical!.Unit switch
                    {
                        TimeUnit.Nanos => (new TimeType(9), ValueKind.TimeNanos, null),
                        TimeUnit.Micros => (new TimeType(6), ValueKind.TimeMicros, null),
                        _ => Unsupported(path, "TIME(MILLIS) on INT64"),
                    };
                }
                if (kind == LogicalTypeKind.None && converted == ConvertedType.TimeMicros) return (new TimeType(6), ValueKind.TimeMicros, null);
                if (kind == LogicalTypeKind.Integer)
                {
                    if (logical!.BitWidth != 64) return Unsupported(path, $"INTEGER({logical.BitWidth}) on INT64");
                    return logical.IsSigned ? (DataType.Int64, ValueKind.Int64, null) : (DataType.Decimal(20, 0), ValueKind.UInt64, null);
                }
                if (converted == ConvertedType.Uint64) return (DataType.Decimal(20, 0), ValueKind.UInt64, null);
                return (DataType.Int64, ValueKind.Int64, null);
            case PhysicalType.Int96:
                return (DataType.Timestamp, ValueKind.Int96, null);
            case PhysicalType.Float:
                return (DataType.Float32, ValueKind.Float, null);
            case PhysicalType.Double:
                return (DataType.Float64, ValueKind.Double, null);
            case PhysicalType.ByteArray:
                if (kind == LogicalTypeKind.Json || kind == LogicalTypeKind.None && converted == ConvertedType.Json) return (JsonType.Instance, ValueKind.Json, null);
                if (kind is LogicalTypeKind.String or LogicalTypeKind.Enum) return (DataType.Utf8, ValueKind.Utf8, null);
                if (kind == LogicalTypeKind.None && converted is ConvertedType.Utf8 or ConvertedType.Enum) return (DataType.Utf8, ValueKind.Utf8, null);
                return (DataType.Binary, ValueKind.Binary, null);
            case PhysicalType.FixedLenByteArray:
                if (kind == LogicalTypeKind.Uuid && e.TypeLength == 16) return (DataType.Utf8, ValueKind.Uuid, null);
                if (kind == LogicalTypeKind.Float16 && e.TypeLength == 2) return (DataType.Float32, ValueKind.Float16, null);
                if (converted == ConvertedType.Interval) return Unsupported(path, "INTERVAL");
                return (DataType.Binary, ValueKind.Binary, null);
            default:
                return Unsupported(path, $"physical type {e.Type}");
        }
    }

    private static (DataType?, ValueKind, string?) Integer32(int width, bool signed, string path) => (width, signed) switch
    {
        (8, true) => (DataType.Int8, ValueKind.Int8FromInt32, null),
        (16, true) => (DataType.Int16, ValueKind.Int16FromInt32, null),
        (32, true) => (DataType.Int32, ValueKind.Int32, null),
        (8, false) => (DataType.Int16, ValueKind.UInt8, null),
        (16, false) => (DataType.Int32, ValueKind.UInt16, null),
        (32, false) => (DataType.Int64, ValueKind.UInt32, null),
        _ => Unsupported(path, $"INTEGER({width}, {(signed ? "signed" : "unsigned")}) on INT32"),
    };

    private static (DataType?, ValueKind, string?) Unsupported(string path, string what) =>
        (null, ValueKind.Binary, $"Parquet column '{path}' of type {what} is not supported yet");
}
