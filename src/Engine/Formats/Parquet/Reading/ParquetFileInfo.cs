using QueryEngine.Engine.Formats.Parquet.Metadata;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>A Parquet file's location, size, decoded footer and schema tree.</summary>
internal sealed record ParquetFileInfo(string Path, long Size, FileMetaData Metadata, ParquetSchema Schema);
