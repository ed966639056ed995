using QueryEngine.Engine.Formats.Parquet.Metadata;

namespace QueryEngine.Engine.Formats.Parquet.Writing;

/// <summary>
/// A column chunk just written, with its page index and its bloom filter bitset (null when none), both written later,
/// after all row groups.
/// </summary>
internal sealed record WrittenChunk(ColumnChunk Chunk, ColumnIndex? ColumnIndex, OffsetIndex OffsetIndex, byte[]? BloomFilter);
