namespace QueryEngine.Engine.Columnar;

/// <summary>
/// Trino's TIME(p), a time of day without a time zone, precision 0..12: a 64-bit count of picoseconds since midnight
/// (0 .. 86,399,999,999,999,999), physically Int64 so the fixed-width kernels (take, sort, hash, compare) work unchanged;
/// the type itself is not an integer, so arithmetic and casts treat it apart.
/// </summary>
public sealed record TimeType : DataType
{
    public const int MaxPrecision = 12;

    public const int DefaultPrecision = 3;

    public const long PicosPerSecond = 1_000_000_000_000;

    public const long PicosPerDay = 86_400 * PicosPerSecond;

    public static readonly TimeType Millis = new(3);

    public TimeType(int precision) : base(TypeId.Int64)
    {
        if (precision is < 0 or > MaxPrecision) throw new ArgumentOutOfRangeException(nameof(precision), precision, "time precision must be 0..12");
        Precision = precision;
    }

    public int Precision { get; }

    public override string SqlName => $"time({Precision})";
}
