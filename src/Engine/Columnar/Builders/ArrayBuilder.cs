using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Columnar;

/// <summary>Builds one column. Typed builders expose allocation-free appends; <see cref="AppendValue"/> takes a boxed value.</summary>
public abstract class ArrayBuilder
{
    protected ArrayBuilder(DataType type) => Type = type;

    public DataType Type { get; }

    public abstract int Length { get; }

    public abstract void AppendNull();

    /// <summary>Appends a boxed value in the representation <see cref="DataType"/> documents (null for SQL NULL).</summary>
    public abstract void AppendValue(object? value);

    /// <summary>Returns the built array and resets the builder.</summary>
    public abstract ArrowArray Build();

    public static ArrayBuilder Create(DataType type, int capacity = 0) => type.Id switch
    {
        TypeId.Null => new NullBuilder(),
        TypeId.Boolean => new BooleanBuilder(capacity),
        TypeId.Int8 => new PrimitiveBuilder<sbyte>(type, capacity),
        TypeId.Int16 => new PrimitiveBuilder<short>(type, capacity),
        TypeId.Int32 or TypeId.Date32 => new PrimitiveBuilder<int>(type, capacity),
        TypeId.Int64 or TypeId.Timestamp => new PrimitiveBuilder<long>(type, capacity),
        TypeId.Float32 => new PrimitiveBuilder<float>(type, capacity),
        TypeId.Float64 => new PrimitiveBuilder<double>(type, capacity),
        TypeId.Decimal128 => new PrimitiveBuilder<Int128>(type, capacity),
        TypeId.Utf8 or TypeId.Binary => new BinaryBuilder(type, capacity),
        TypeId.List => new ListBuilder((ListType)type),
        TypeId.Struct => new StructBuilder((StructType)type),
        TypeId.Map => new MapBuilder((MapType)type),
        _ => throw new InternalException($"no builder for {type}"),
    };
}
