using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>A top-level field of a Parquet file.</summary>
/// <param name="Name">The field name as the file spells it.</param>
/// <param name="Type">The engine type, or <see cref="DataType.Null"/> when unsupported.</param>
/// <param name="Node">The field's schema tree.</param>
/// <param name="Unsupported">Why the field cannot be read, or null.</param>
internal sealed record ParquetField(string Name, DataType Type, ParquetNode Node, string? Unsupported)
{
    /// <summary>The leaf of a flat (primitive, not repeated) field, else null.</summary>
    public ParquetLeaf? Leaf => Node.Kind == ParquetNodeKind.Primitive ? Node.Leaf : null;
}
