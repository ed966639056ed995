using QueryEngine.Engine.Formats.Parquet.Encodings;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// A flat column chunk decoded: one definition level per row (null when the column is required) and the dense
/// non-null values in row order.
/// </summary>
internal sealed record DecodedChunk(int Rows, byte[]? Definitions, int MaxDefinition, ValueBuffer Values);
