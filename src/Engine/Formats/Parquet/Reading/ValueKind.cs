namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>How the decoded physical values of a leaf column become engine values.</summary>
internal enum ValueKind
{
    Boolean,
    Int32,
    Int8FromInt32,
    Int16FromInt32,
    UInt8,
    UInt16,
    UInt32,
    Int64,
    UInt64,
    DecimalInt32,
    DecimalInt64,
    DecimalBytes,
    Float,
    Double,
    Float16,
    Int96,
    TimestampMillis,
    TimestampMicros,
    TimestampNanos,
    Date,
    TimeMillis,
    TimeMicros,
    TimeNanos,
    Utf8,
    Json,
    Binary,
    Uuid,
}
