using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Formats.Parquet.Metadata;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// A leaf (primitive) column of a Parquet schema: its position among the leaves (= the column chunk index in each
/// row group), dotted path, physical type, maximum definition and repetition levels, and the engine type it reads as
/// (<see cref="Type"/> null with <see cref="Unsupported"/> set when the engine cannot represent it).
/// </summary>
internal sealed record ParquetLeaf(
    int Index,
    string Path,
    SchemaElement Element,
    PhysicalType Physical,
    int TypeLength,
    int MaxDefinition,
    int MaxRepetition,
    DataType? Type,
    ValueKind Kind,
    string? Unsupported)
{
    /// <summary>Bytes per decoded value (0 for variable-length byte arrays).</summary>
    public int ValueWidth => Physical switch
    {
        PhysicalType.Boolean => 1,
        PhysicalType.Int32 or PhysicalType.Float => 4,
        PhysicalType.Int64 or PhysicalType.Double => 8,
        PhysicalType.Int96 => 12,
        PhysicalType.FixedLenByteArray => TypeLength,
        _ => 0,
    };
}
