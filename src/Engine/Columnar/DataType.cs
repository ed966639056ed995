namespace QueryEngine.Engine.Columnar;

/// <summary>
/// An Arrow data type. Value representation in arrays and in boxed literals:
/// Boolean bool; Int8..Int64 sbyte/short/int/long; Float32/64 float/double; Decimal128 Int128 unscaled;
/// Utf8 string (arrays hold UTF-8 bytes); Binary byte[]; Date32 int days since 1970-01-01;
/// Timestamp long microseconds since the epoch (UTC when a zone is set), rounded to the type's precision; timestamp(7..12) Int128 picoseconds.
/// </summary>
public abstract record DataType(TypeId Id)
{
    public static readonly DataType Null = new PrimitiveType(TypeId.Null);
    public static readonly DataType Boolean = new PrimitiveType(TypeId.Boolean);
    public static readonly DataType Int8 = new PrimitiveType(TypeId.Int8);
    public static readonly DataType Int16 = new PrimitiveType(TypeId.Int16);
    public static readonly DataType Int32 = new PrimitiveType(TypeId.Int32);
    public static readonly DataType Int64 = new PrimitiveType(TypeId.Int64);
    public static readonly DataType Float32 = new PrimitiveType(TypeId.Float32);
    public static readonly DataType Float64 = new PrimitiveType(TypeId.Float64);
    public static readonly DataType Utf8 = new PrimitiveType(TypeId.Utf8);
    public static readonly DataType Binary = new PrimitiveType(TypeId.Binary);
    public static readonly DataType Date32 = new PrimitiveType(TypeId.Date32);
    public static readonly DataType Timestamp = new TimestampType(null);

    public static DataType Decimal(int precision, int scale) => new DecimalType(precision, scale);

    public bool IsInteger => Id is TypeId.Int8 or TypeId.Int16 or TypeId.Int32 or TypeId.Int64 && this is not (IntervalType or TimeType);

    public bool IsFloating => Id is TypeId.Float32 or TypeId.Float64;

    public bool IsNumeric => IsInteger || IsFloating || this is DecimalType;

    public bool IsNested => Id is TypeId.List or TypeId.Struct or TypeId.Map;

    /// <summary>Width in bytes of one fixed-width value, or 0 for variable-width/nested/boolean types.</summary>
    public int FixedWidth => Id switch
    {
        TypeId.Int8 => 1,
        TypeId.Int16 => 2,
        TypeId.Int32 or TypeId.Date32 or TypeId.Float32 => 4,
        TypeId.Int64 or TypeId.Float64 or TypeId.Timestamp => 8,
        TypeId.Decimal128 => 16,
        _ => 0,
    };

    /// <summary>SQL (Trino) spelling of the type, e.g. <c>decimal(15,2)</c>, <c>array(bigint)</c>.</summary>
    public abstract string SqlName { get; }

    public sealed override string ToString() => SqlName;
}

/// <summary>A type with no parameters.</summary>
public sealed record PrimitiveType : DataType
{
    internal PrimitiveType(TypeId id) : base(id)
    {
    }

    public override string SqlName => Id switch
    {
        TypeId.Null => "unknown",
        TypeId.Boolean => "boolean",
        TypeId.Int8 => "tinyint",
        TypeId.Int16 => "smallint",
        TypeId.Int32 => "integer",
        TypeId.Int64 => "bigint",
        TypeId.Float32 => "real",
        TypeId.Float64 => "double",
        TypeId.Utf8 => "varchar",
        TypeId.Binary => "varbinary",
        TypeId.Date32 => "date",
        _ => Id.ToString().ToLowerInvariant(),
    };
}

/// <summary>Decimal128 with precision 1..38 and scale 0..precision.</summary>
public sealed record DecimalType : DataType
{
    public const int MaxPrecision = 38;

    public DecimalType(int precision, int scale) : base(TypeId.Decimal128)
    {
        if (precision is < 1 or > MaxPrecision) throw new ArgumentOutOfRangeException(nameof(precision), precision, "decimal precision must be 1..38");
        if (scale < 0 || scale > precision) throw new ArgumentOutOfRangeException(nameof(scale), scale, "decimal scale must be 0..precision");
        Precision = precision;
        Scale = scale;
    }

    public int Precision { get; }

    public int Scale { get; }

    public override string SqlName => $"decimal({Precision},{Scale})";
}

/// <summary>
/// Trino's TIMESTAMP(p) and TIMESTAMP(p) WITH TIME ZONE, precision 0..12. Precision 0..6: Int64 microseconds since the
/// epoch (physical <see cref="TypeId.Timestamp"/>); precision 7..12: Int128 picoseconds since the epoch (physically
/// <see cref="TypeId.Decimal128"/>'s 16-byte layout, so the fixed-width kernels compare, hash, sort and group it unchanged;
/// the type is not a number). UTC when a zone is set; every value rounded to the precision. <see cref="TimeZone"/> null means local
/// (zone-less) time. Precision 6 (<see cref="DataType.Timestamp"/>) is the engine's internal working type: widening to
/// it keeps every value as it is.
/// </summary>
public sealed record TimestampType : DataType
{
    /// <summary>The largest precision this engine stores (microseconds).</summary>
    public const int MaxPrecision = 6;

    /// <summary>The largest precision Trino's SQL accepts (picoseconds).</summary>
    public const int MaxSqlPrecision = 12;

    /// <summary>Plain <c>timestamp</c> in SQL means <c>timestamp(3)</c>, as in Trino.</summary>
    public const int DefaultPrecision = 3;

    /// <summary>Picoseconds in one microsecond: the factor between the two physical layouts.</summary>
    public const long PicosPerMicro = 1_000_000;

    public TimestampType(string? timeZone, int precision = MaxPrecision) : base(precision > MaxPrecision ? TypeId.Decimal128 : TypeId.Timestamp)
    {
        if (precision is < 0 or > MaxSqlPrecision) throw new ArgumentOutOfRangeException(nameof(precision), precision, "timestamp precision must be 0..12");
        TimeZone = timeZone;
        Precision = precision;
    }

    public string? TimeZone { get; }

    /// <summary>Fractional digits of a second, 0..12.</summary>
    public int Precision { get; }

    /// <summary>Precision 7..12: values are Int128 picoseconds rather than Int64 microseconds.</summary>
    public bool IsPicos => Precision > MaxPrecision;

    /// <summary>The same kind of timestamp (zone or none) with another precision.</summary>
    public TimestampType WithPrecision(int precision) => precision == Precision ? this : new(TimeZone, precision);

    /// <summary>The same precision in another zone (null: without time zone).</summary>
    public TimestampType WithZone(string? timeZone) => timeZone == TimeZone ? this : new(timeZone, Precision);

    public override string SqlName => TimeZone is null ? $"timestamp({Precision})" : $"timestamp({Precision}) with time zone";
}

public sealed record ListType(Field Element) : DataType(TypeId.List)
{
    public override string SqlName => $"array({Element.Type.SqlName})";
}

public sealed record StructType : DataType
{
    public StructType(IReadOnlyList<Field> fields) : base(TypeId.Struct) => Fields = fields;

    public IReadOnlyList<Field> Fields { get; }

    public override string SqlName => "row(" + string.Join(", ", Fields.Select(f => f.Name.Length == 0 ? f.Type.SqlName : $"{f.Name} {f.Type.SqlName}")) + ")";

    public bool Equals(StructType? other) => other is not null && Fields.SequenceEqual(other.Fields);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var f in Fields) hash.Add(f);
        return hash.ToHashCode();
    }
}

/// <summary>Map stored as a list of (key, value) structs, as Arrow does.</summary>
public sealed record MapType(Field Key, Field Value, bool KeysSorted = false) : DataType(TypeId.Map)
{
    public override string SqlName => $"map({Key.Type.SqlName}, {Value.Type.SqlName})";
}
