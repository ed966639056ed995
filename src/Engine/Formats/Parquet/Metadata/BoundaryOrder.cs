namespace QueryEngine.Engine.Formats.Parquet.Metadata;

/// <summary>How the pages' min/max values of a <see cref="ColumnIndex"/> are ordered (parquet.thrift <c>BoundaryOrder</c>).</summary>
internal enum BoundaryOrder
{
    Unordered = 0,
    Ascending = 1,
    Descending = 2,
}
