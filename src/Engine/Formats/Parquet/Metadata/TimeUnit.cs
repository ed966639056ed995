namespace QueryEngine.Engine.Formats.Parquet.Metadata;

/// <summary>Unit of TIMESTAMP/TIME logical types.</summary>
internal enum TimeUnit
{
    Millis = 1,
    Micros = 2,
    Nanos = 3,
}
