using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Formats.Parquet.Encodings;

/// <summary>Where a page is (file/row group/column and the page's byte offset), for error messages.</summary>
internal readonly record struct PageError(string Source, long Offset)
{
    public CorruptDataException Corrupt(string message) => new(Source, Offset, message);
}
