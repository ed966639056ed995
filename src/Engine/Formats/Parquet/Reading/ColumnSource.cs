using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// Where one output column of a Parquet scan comes from in one file: a flat leaf or a nested field (with the
/// adaptation from the file's engine type to the table's), a partition key (<see cref="PartitionKey"/> &gt;= 0), or
/// nothing (the file lacks the column: NULLs).
/// </summary>
internal sealed record ColumnSource(DataType Type, ParquetLeaf? Leaf, Func<ArrowArray, ArrowArray>? Adapt, int PartitionKey = -1, ParquetNode? Nested = null);
