using System.Buffers;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Parquet.Metadata;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// Reads and decodes only some data pages of a flat column chunk, located through its offset index: the bytes
/// before the first data page (the dictionary page, if any) and each run of selected pages (neighbouring pages in one
/// read) are gathered into one buffer and decoded as a chunk of the selected pages' rows.
/// </summary>
internal static class SelectedPagesDecoder
{
    public static DecodedChunk Decode(IObjectStore store, string path, ColumnMetaData meta, ParquetLeaf leaf, SelectedPages selected, string source, ScanContext context)
    {
        var locations = selected.Index.Offsets.PageLocations;
        var (chunkStart, _) = ParquetFooter.ChunkRange(meta);
        var segments = new List<(long Offset, int Length)>();
        if (locations[0].Offset > chunkStart) segments.Add((chunkStart, checked((int)(locations[0].Offset - chunkStart))));
        foreach (var page in selected.Pages)
        {
            var location = locations[page];
            if (segments.Count > 0 && segments[^1].Offset + segments[^1].Length == location.Offset)
            {
                segments[^1] = (segments[^1].Offset, checked(segments[^1].Length + location.CompressedPageSize));
            }
            else
            {
                segments.Add((location.Offset, location.CompressedPageSize));
            }
        }
        long total = 0;
        foreach (var (_, length) in segments) total += length;
        if (total > int.MaxValue) throw new ResourceExhaustedException($"{source}: selected pages of more than 2 GiB");
        var rows = selected.Rows;
        if (rows > int.MaxValue) throw new CorruptDataException(source, chunkStart, $"selected pages hold {rows} rows");
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(1, total));
        try
        {
            var at = 0;
            foreach (var (offset, length) in segments)
            {
                ParquetFooter.ReadExactly(store, path, offset, buffer.AsSpan(at, length), context);
                at += length;
            }
            var partial = new ColumnMetaData
            {
                Type = meta.Type,
                Codec = meta.Codec,
                NumValues = rows,
                TotalUncompressedSize = Math.Min(meta.TotalUncompressedSize, total * 8),
            };
            try
            {
                return ColumnChunkDecoder.Decode(buffer.AsSpan(0, (int)total), chunkStart, partial, leaf, (int)rows, source, context.Cancellation);
            }
            catch (Exception ex) when (ex is not QueryException and not OperationCanceledException)
            {
                throw new CorruptDataException(source, chunkStart, "malformed pages: " + ex.Message, ex);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
