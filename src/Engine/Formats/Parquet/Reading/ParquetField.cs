using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// A top-level field of a Parquet file. Flat (primitive) fields read from one leaf; nested ones (groups, lists,
/// maps) are not readable yet and carry <see cref="Unsupported"/>.
/// </summary>
/// <param name="Name">The field name as the file spells it.</param>
/// <param name="Type">The engine type, or <see cref="DataType.Null"/> when unsupported.</param>
/// <param name="Leaf">The leaf of a flat field, else null.</param>
/// <param name="Unsupported">Why the field cannot be read, or null.</param>
internal sealed record ParquetField(string Name, DataType Type, ParquetLeaf? Leaf, string? Unsupported);
