using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Parquet.Metadata;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// Reads the page index of column chunks: the <see cref="OffsetIndex"/> at ColumnChunk field 4/5 and the
/// <see cref="ColumnIndex"/> at field 6/7. A chunk without an offset index has no page index (null). An index outside
/// the file, malformed Thrift, or one inconsistent with the chunk (page counts, rows, byte ranges) is a
/// <see cref="CorruptDataException"/> naming the file, row group and column: a reader that silently ignored it could
/// not tell a damaged file from an intact one.
/// </summary>
internal static class PageIndexReader
{
    /// <summary>Largest single index structure accepted.</summary>
    private const int MaxIndexBytes = 64 << 20;

    public static ChunkPageIndex? Read(IObjectStore store, ParquetFileInfo file, int group, ParquetLeaf leaf, ScanContext? context = null)
    {
        var rowGroup = file.Metadata.RowGroups[group];
        var chunk = rowGroup.Columns[leaf.Index];
        if (chunk.OffsetIndexOffset is not { } offsetAt || chunk.OffsetIndexLength is not { } offsetLength) return null;
        var where = $"{file.Path} (row group {group}, column {leaf.Path})";
        var offsets = Parse(store, file, offsetAt, offsetLength, where, "offset index", context, static (ref CompactReader r) => OffsetIndex.Read(ref r));
        ColumnIndex? columns = null;
        if (chunk.ColumnIndexOffset is { } columnAt && chunk.ColumnIndexLength is { } columnLength)
        {
            columns = Parse(store, file, columnAt, columnLength, where, "column index", context, static (ref CompactReader r) => ColumnIndex.Read(ref r));
        }
        var index = new ChunkPageIndex(offsets, columns, rowGroup.NumRows);
        Check(index, chunk.MetaData!, leaf, where, offsetAt);
        return index;
    }

    private delegate T Parser<T>(ref CompactReader reader);

    private static T Parse<T>(IObjectStore store, ParquetFileInfo file, long offset, int length, string where, string what, ScanContext? context, Parser<T> parse)
    {
        if (offset < 4 || length <= 0 || length > MaxIndexBytes || offset > file.Size - 8 - length)
        {
            throw new CorruptDataException(where, offset, $"{what} of {length} bytes at offset {offset} lies outside the file of {file.Size} bytes");
        }
        if (file.PageIndex(store, context) is not { } region || !region.TryGet(offset, length, out var bytes))
        {
            var own = new byte[length];
            ParquetFooter.ReadExactly(store, file.Path, offset, own, context);
            bytes = own;
        }
        try
        {
            var reader = new CompactReader(bytes, where, offset);
            return parse(ref reader);
        }
        catch (CorruptDataException ex)
        {
            throw new CorruptDataException(where, offset, $"malformed {what}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentOutOfRangeException or InvalidOperationException)
        {
            throw new CorruptDataException(where, offset, $"malformed {what}: {ex.Message}", ex);
        }
    }

    private static void Check(ChunkPageIndex index, ColumnMetaData meta, ParquetLeaf leaf, string where, long offset)
    {
        var pages = index.Offsets.PageLocations;
        if (pages.Count == 0) throw new CorruptDataException(where, offset, "offset index lists no pages");
        if (index.Columns is { } columns && columns.NullPages.Count != pages.Count)
        {
            throw new CorruptDataException(where, offset, $"column index describes {columns.NullPages.Count} pages, offset index {pages.Count}");
        }
        var (chunkStart, chunkLength) = ParquetFooter.ChunkRange(meta);
        var chunkEnd = chunkStart + chunkLength;
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            var expectedFirst = i == 0 ? 0 : pages[i - 1].FirstRowIndex + 1;
            if ((i == 0 && page.FirstRowIndex != 0) || page.FirstRowIndex < expectedFirst || (leaf.MaxRepetition == 0 && page.FirstRowIndex >= Math.Max(1, index.RowGroupRows)))
            {
                throw new CorruptDataException(where, offset, $"page {i} starts at row {page.FirstRowIndex}, not after the previous page and inside the row group of {index.RowGroupRows} rows");
            }
            if (page.CompressedPageSize <= 0 || page.Offset < chunkStart || page.Offset > chunkEnd - page.CompressedPageSize || (i > 0 && page.Offset < pages[i - 1].Offset + pages[i - 1].CompressedPageSize))
            {
                throw new CorruptDataException(where, offset, $"page {i} at [{page.Offset}, {page.Offset + page.CompressedPageSize}) lies outside the column chunk [{chunkStart}, {chunkEnd}) or overlaps the page before");
            }
        }
    }
}
