using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// The bytes of a file's whole page index. Writers put every column index and offset index together, between the last
/// row group and the footer (parquet-format PageIndex.md), so one ranged read fetches the indexes of every chunk: on S3
/// that is one request per file instead of two per filtered column and row group. Kept with the file's footer, so the
/// footer cache keeps it across queries too.
/// </summary>
internal sealed class PageIndexRegion
{
    /// <summary>Largest region fetched at once; a file whose indexes are spread wider reads each index by itself.</summary>
    public const long MaxBytes = 16 << 20;

    private readonly long _start;
    private readonly byte[] _bytes;

    private PageIndexRegion(long start, byte[] bytes)
    {
        _start = start;
        _bytes = bytes;
    }

    /// <summary>Reads the span covering every index of <paramref name="file"/>, or null when it has none or the span is too wide.</summary>
    public static PageIndexRegion? Read(IObjectStore store, ParquetFileInfo file, ScanContext? context)
    {
        var start = long.MaxValue;
        var end = long.MinValue;
        foreach (var group in file.Metadata.RowGroups)
        {
            foreach (var chunk in group.Columns)
            {
                Cover(chunk.OffsetIndexOffset, chunk.OffsetIndexLength, ref start, ref end);
                Cover(chunk.ColumnIndexOffset, chunk.ColumnIndexLength, ref start, ref end);
            }
        }
        if (start == long.MaxValue || start < 4 || end > file.Size - 8 || end - start > MaxBytes) return null;
        var bytes = new byte[end - start];
        ParquetFooter.ReadExactly(store, file.Path, start, bytes, context);
        return new PageIndexRegion(start, bytes);
    }

    /// <summary>The bytes of [offset, offset + length) when the region holds them.</summary>
    public bool TryGet(long offset, int length, out ReadOnlySpan<byte> bytes)
    {
        if (offset < _start || offset + length > _start + _bytes.Length)
        {
            bytes = default;
            return false;
        }
        bytes = _bytes.AsSpan((int)(offset - _start), length);
        return true;
    }

    private static void Cover(long? offset, int? length, ref long start, ref long end)
    {
        if (offset is not { } at || length is not { } size || size <= 0) return;
        start = Math.Min(start, at);
        end = Math.Max(end, at + size);
    }
}
