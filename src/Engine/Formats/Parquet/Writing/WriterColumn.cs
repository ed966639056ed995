using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Parquet.Metadata;

namespace QueryEngine.Engine.Formats.Parquet.Writing;

/// <summary>
/// How one leaf column is stored: its schema element (physical type, logical and converted annotations)
/// and the width of its physical values (0 for byte arrays). Decimals of precision up to 9 go to INT32, up to 18
/// to INT64, beyond to the smallest FIXED_LEN_BYTE_ARRAY; timestamps to INT64 microseconds; TIME to INT64 micro- or
/// nanoseconds of day; JSON to BYTE_ARRAY annotated JSON. A leaf inside a nested column (see <see cref="WriterSchema"/>)
/// also has its path in the schema, its maximum definition and repetition levels and the steps that lead from the
/// top-level column's values to it.
/// </summary>
internal sealed record WriterColumn(Field Field, SchemaElement Element, PhysicalType Physical, int Width)
{
    /// <summary>The names from the top-level column down to the leaf (path_in_schema).</summary>
    public IReadOnlyList<string> Path { get; init; } = [Field.Name];

    /// <summary>Definition level of a present value.</summary>
    public int MaxDefinition { get; init; } = Field.Nullable ? 1 : 0;

    /// <summary>Repetition level of the innermost repeated group above the leaf (0: nothing repeats).</summary>
    public int MaxRepetition { get; init; }

    /// <summary>From the top-level column's array down to the leaf; one <see cref="LevelStepKind.Leaf"/> step for a flat column.</summary>
    public IReadOnlyList<LevelStep> Steps { get; init; } = [new LevelStep(LevelStepKind.Leaf, Field.Nullable)];

    /// <summary>Whether the leaf lies inside a struct, list or map.</summary>
    public bool IsNested => Steps.Count > 1;

    /// <summary>The dotted path, for messages.</summary>
    public string DisplayName => string.Join('.', Path);

    /// <param name="displayName">The column's dotted path for messages (the field's name when null).</param>
    public static WriterColumn For(Field field, string? displayName = null)
    {
        var type = field.Type;
        var e = new SchemaElement { Name = field.Name, RepetitionType = field.Nullable ? Repetition.Optional : Repetition.Required };
        PhysicalType physical;
        var width = 0;
        switch (type)
        {
            case DecimalType d:
                physical = d.Precision <= 9 ? PhysicalType.Int32 : d.Precision <= 18 ? PhysicalType.Int64 : PhysicalType.FixedLenByteArray;
                width = physical switch { PhysicalType.Int32 => 4, PhysicalType.Int64 => 8, _ => DecimalBytes(d.Precision) };
                if (physical == PhysicalType.FixedLenByteArray) e.TypeLength = width;
                e.ConvertedType = ConvertedType.Decimal;
                e.Scale = d.Scale;
                e.Precision = d.Precision;
                e.LogicalType = new LogicalType(LogicalTypeKind.Decimal) { Scale = d.Scale, Precision = d.Precision };
                break;
            case TimestampType t:
                physical = PhysicalType.Int64;
                width = 8;
                // timestamp(p): milliseconds for p <= 3 (what Trino writes for timestamp(3)), microseconds to 6, else
                // nanoseconds (timestamp(10..12) loses its digits past the ninth).
                var millis = t.Precision <= 3;
                var unit = t.IsPicos ? TimeUnit.Nanos : millis ? TimeUnit.Millis : TimeUnit.Micros;
                e.LogicalType = new LogicalType(LogicalTypeKind.Timestamp) { Unit = unit, IsAdjustedToUtc = t.TimeZone is not null };
                if (t.TimeZone is not null && !t.IsPicos) e.ConvertedType = millis ? ConvertedType.TimestampMillis : ConvertedType.TimestampMicros;
                break;
            case TimeType time:
                // Picoseconds of day are written as INT64 microseconds (precision up to 6) or nanoseconds (7..12, truncated to 9).
                physical = PhysicalType.Int64;
                width = 8;
                e.LogicalType = new LogicalType(LogicalTypeKind.Time) { Unit = time.Precision <= 6 ? TimeUnit.Micros : TimeUnit.Nanos, IsAdjustedToUtc = false };
                if (time.Precision <= 6) e.ConvertedType = ConvertedType.TimeMicros;
                break;
            case JsonType:
                physical = PhysicalType.ByteArray;
                e.ConvertedType = ConvertedType.Json;
                e.LogicalType = new LogicalType(LogicalTypeKind.Json);
                break;
            default:
                (physical, width) = type.Id switch
                {
                    TypeId.Boolean => (PhysicalType.Boolean, 1),
                    TypeId.Int8 or TypeId.Int16 or TypeId.Int32 or TypeId.Date32 => (PhysicalType.Int32, 4),
                    TypeId.Int64 => (PhysicalType.Int64, 8),
                    TypeId.Float32 => (PhysicalType.Float, 4),
                    TypeId.Float64 => (PhysicalType.Double, 8),
                    TypeId.Utf8 or TypeId.Binary => (PhysicalType.ByteArray, 0),
                    _ => throw new NotSupportedQueryException($"writing Parquet column {displayName ?? field.Name} of type {type.SqlName} is not supported yet"),
                };
                switch (type.Id)
                {
                    case TypeId.Int8:
                        e.ConvertedType = ConvertedType.Int8;
                        e.LogicalType = new LogicalType(LogicalTypeKind.Integer) { BitWidth = 8, IsSigned = true };
                        break;
                    case TypeId.Int16:
                        e.ConvertedType = ConvertedType.Int16;
                        e.LogicalType = new LogicalType(LogicalTypeKind.Integer) { BitWidth = 16, IsSigned = true };
                        break;
                    case TypeId.Date32:
                        e.ConvertedType = ConvertedType.Date;
                        e.LogicalType = new LogicalType(LogicalTypeKind.Date);
                        break;
                    case TypeId.Utf8:
                        e.ConvertedType = ConvertedType.Utf8;
                        e.LogicalType = new LogicalType(LogicalTypeKind.String);
                        break;
                }
                break;
        }
        e.Type = physical;
        return new WriterColumn(field, e, physical, width);
    }

    /// <summary>Smallest two's complement byte length that holds every unscaled value of the precision.</summary>
    private static int DecimalBytes(int precision)
    {
        var max = Int128.One;
        for (var i = 0; i < precision; i++) max *= 10;
        for (var n = 1; n <= 16; n++)
        {
            if (n == 16 || (Int128.One << ((8 * n) - 1)) >= max) return n;
        }
        return 16;
    }
}
