using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Formats.Csv;

/// <summary>
/// Turns the text of one column's fields into an Arrow array. <see cref="Decode"/> runs once per column per chunk of
/// records (a tight loop over the field index, no per-row virtual call); <see cref="Build"/> hands over the rows
/// decoded since the last build.
/// </summary>
internal abstract class ColumnDecoder
{
    protected ColumnDecoder(string name, DataType type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }

    public DataType Type { get; }

    /// <summary>Appends the values of <paramref name="rows"/> records of <paramref name="slot"/>.</summary>
    public abstract void Decode(DecodeContext context, int slot, int rows);

    /// <summary>The decoded rows as an array; the decoder starts over empty.</summary>
    public abstract ArrowArray Build();

    /// <summary>A decoder for a column type.</summary>
    public static ColumnDecoder Create(string name, DataType type, int capacity, CsvOptions options)
    {
        if (type.IsNested) return new NestedDecoder(name, type, options);
        return CreatePrimitive(name, type, capacity, options.NumericDateTimes);
    }

    private static ColumnDecoder CreatePrimitive(string name, DataType type, int capacity, bool numericDateTimes) => type.Id switch
    {
        _ when type is TimeType time => new PrimitiveDecoder<long, TimeParser>(name, type, capacity, new TimeParser(time.Precision)),
        _ when type is TimestampType { IsPicos: true } => throw new NotSupportedQueryException($"text column '{name}': {type.SqlName} is not supported in text files (timestamp(0..6) is)"),
        TypeId.Boolean => new BooleanDecoder(name, capacity),
        TypeId.Int8 => new PrimitiveDecoder<sbyte, Int8Parser>(name, type, capacity, default),
        TypeId.Int16 => new PrimitiveDecoder<short, Int16Parser>(name, type, capacity, default),
        TypeId.Int32 => new PrimitiveDecoder<int, Int32Parser>(name, type, capacity, default),
        TypeId.Int64 => new PrimitiveDecoder<long, Int64Parser>(name, type, capacity, default),
        TypeId.Float32 => new PrimitiveDecoder<float, Float32Parser>(name, type, capacity, default),
        TypeId.Float64 => new PrimitiveDecoder<double, Float64Parser>(name, type, capacity, default),
        TypeId.Decimal128 => new PrimitiveDecoder<Int128, DecimalParser>(name, type, capacity, new DecimalParser(((DecimalType)type).Precision, ((DecimalType)type).Scale)),
        TypeId.Date32 => new PrimitiveDecoder<int, DateParser>(name, type, capacity, new DateParser(numericDateTimes)),
        TypeId.Timestamp => new PrimitiveDecoder<long, TimestampParser>(name, type, capacity, new TimestampParser(numericDateTimes)),
        TypeId.Utf8 => new BytesDecoder(name, type, capacity, base64: false),
        TypeId.Binary => new BytesDecoder(name, type, capacity, base64: true),
        TypeId.Null => new NullDecoder(name),
        _ => throw new NotSupportedQueryException($"column {name}: reading {type.SqlName} values from text files is not supported yet"),
    };
}
