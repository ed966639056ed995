namespace QueryEngine.Engine.Columnar.Ipc;

/// <summary>The engine's schema and types as IPC fields (maps become a list of non-null "entries" structs).</summary>
public static class IpcSchemaMapping
{
    public static IReadOnlyList<IpcField> Fields(Schema schema)
    {
        var fields = new IpcField[schema.Count];
        for (var i = 0; i < fields.Length; i++) fields[i] = Field(schema[i]);
        return fields;
    }

    /// <summary>Field metadata key naming an Arrow extension type (Arrow columnar format, "Extension Types").</summary>
    public const string ExtensionNameKey = "ARROW:extension:name";

    /// <summary>Field metadata key holding an Arrow extension type's serialized parameters.</summary>
    public const string ExtensionMetadataKey = "ARROW:extension:metadata";

    /// <summary>The canonical extension for JSON text stored as utf8 (Arrow's canonical extensions, "JSON").</summary>
    public const string JsonExtensionName = "arrow.json";

    public static IpcField Field(Field field) => new(field.Name, Type(field.Type), field.Nullable, Children(field.Type))
    {
        Metadata = field.Type is JsonType ? WithJsonExtension(field.Metadata) : field.Metadata,
    };

    /// <summary>JSON columns travel as utf8 marked with the canonical <c>arrow.json</c> extension (empty parameters).</summary>
    private static Dictionary<string, string> WithJsonExtension(IReadOnlyDictionary<string, string>? metadata)
    {
        var marked = metadata is null ? new Dictionary<string, string>(2, StringComparer.Ordinal) : new Dictionary<string, string>(metadata, StringComparer.Ordinal);
        marked[ExtensionNameKey] = JsonExtensionName;
        marked[ExtensionMetadataKey] = "{}";
        return marked;
    }

    public static IpcType Type(DataType type) => type switch
    {
        DecimalType d => IpcType.Decimal128(d.Precision, d.Scale),
        TimestampType t => IpcType.Timestamp(t.Precision, t.TimeZone),
        TimeType time => IpcType.Time64(nanos: time.Precision > 6),
        ListType => IpcType.List,
        StructType => IpcType.Struct,
        MapType m => IpcType.Map(m.KeysSorted),
        IntervalType { IsYearToMonth: true } => IpcType.IntervalYearMonth,
        IntervalType => IpcType.DurationMillis,
        _ => type.Id switch
        {
            TypeId.Null => IpcType.Null,
            TypeId.Boolean => IpcType.Bool,
            TypeId.Int8 => IpcType.Int(8),
            TypeId.Int16 => IpcType.Int(16),
            TypeId.Int32 => IpcType.Int(32),
            TypeId.Int64 => IpcType.Int(64),
            TypeId.Float32 => IpcType.Float32,
            TypeId.Float64 => IpcType.Float64,
            TypeId.Utf8 => IpcType.Utf8,
            TypeId.Binary => IpcType.Binary,
            TypeId.Date32 => IpcType.Date32,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no IPC mapping"),
        },
    };

    private static IReadOnlyList<IpcField> Children(DataType type) => type switch
    {
        ListType list => [Field(list.Element)],
        StructType s => s.Fields.Select(Field).ToArray(),
        MapType map => [new IpcField("entries", IpcType.Struct, false, [Field(map.Key with { Nullable = false }), Field(map.Value)])],
        _ => [],
    };
}
