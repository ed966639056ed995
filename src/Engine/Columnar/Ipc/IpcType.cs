namespace QueryEngine.Engine.Columnar.Ipc;

/// <summary>
/// An Arrow type as IPC describes it. Covers the engine's types plus what Flight SQL results need beyond them
/// (unsigned integers, dense unions). Dates are days (Date32); timestamps are microseconds.
/// </summary>
public sealed record IpcType(IpcTypeKind Kind)
{
    public static readonly IpcType Null = new(IpcTypeKind.Null);
    public static readonly IpcType Bool = new(IpcTypeKind.Bool);
    public static readonly IpcType Utf8 = new(IpcTypeKind.Utf8);
    public static readonly IpcType Binary = new(IpcTypeKind.Binary);
    public static readonly IpcType Float32 = new(IpcTypeKind.FloatingPoint) { BitWidth = 32 };
    public static readonly IpcType Float64 = new(IpcTypeKind.FloatingPoint) { BitWidth = 64 };
    public static readonly IpcType Date32 = new(IpcTypeKind.Date);
    public static readonly IpcType List = new(IpcTypeKind.List);
    public static readonly IpcType Struct = new(IpcTypeKind.Struct);

    /// <summary>interval(YEAR_MONTH): a 32-bit count of months (IntervalUnit 0), as INTERVAL YEAR TO MONTH holds it.</summary>
    public static readonly IpcType IntervalYearMonth = new(IpcTypeKind.Interval);

    /// <summary>duration in milliseconds (TimeUnit 1), as INTERVAL DAY TO SECOND holds it.</summary>
    public static readonly IpcType DurationMillis = new(IpcTypeKind.Duration) { TimeUnit = 1 };

    /// <summary>Bits of an integer (8..64) or float (32, 64); 128 for decimals.</summary>
    public int BitWidth { get; init; }

    public bool Signed { get; init; } = true;

    public int Precision { get; init; }

    public int Scale { get; init; }

    /// <summary>Timestamps: the zone, or null for zone-less (local) time.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Time and duration: Arrow's TimeUnit (0 second, 1 milli, 2 micro, 3 nano).</summary>
    public short TimeUnit { get; init; }

    /// <summary>Maps: whether keys are sorted within each entry list.</summary>
    public bool KeysSorted { get; init; }

    /// <summary>Dense unions: the type id of each child.</summary>
    public IReadOnlyList<int>? TypeIds { get; init; }

    public static IpcType Int(int bitWidth, bool signed = true) => new(IpcTypeKind.Int) { BitWidth = bitWidth, Signed = signed };

    public static IpcType Decimal128(int precision, int scale) => new(IpcTypeKind.Decimal) { BitWidth = 128, Precision = precision, Scale = scale };

    /// <summary>timestamp(p): SECOND for p = 0, MILLISECOND for p &lt;= 3, else MICROSECOND (the engine's finest unit).</summary>
    public static IpcType Timestamp(int precision, string? timeZone) =>
        new(IpcTypeKind.Timestamp) { TimeZone = timeZone, TimeUnit = precision == 0 ? (short)0 : precision <= 3 ? (short)1 : precision <= 6 ? (short)2 : (short)3 };

    /// <summary>time64 in microseconds (TIME up to precision 6) or nanoseconds (7..12, truncated to 9 digits).</summary>
    public static IpcType Time64(bool nanos) => new(IpcTypeKind.Time) { BitWidth = 64, TimeUnit = nanos ? (short)3 : (short)2 };

    public static IpcType Map(bool keysSorted) => new(IpcTypeKind.Map) { KeysSorted = keysSorted };

    public static IpcType DenseUnion(IReadOnlyList<int> typeIds) => new(IpcTypeKind.Union) { TypeIds = typeIds };
}
