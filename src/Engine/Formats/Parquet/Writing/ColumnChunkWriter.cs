using System.Buffers.Binary;
using System.Runtime.InteropServices;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Formats.Parquet.Compression;
using QueryEngine.Engine.Formats.Parquet.Encodings;
using QueryEngine.Engine.Formats.Parquet.Metadata;
using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Formats.Parquet.Writing;

/// <summary>
/// Writes one leaf column chunk of a row group: a PLAIN dictionary page and RLE_DICTIONARY data pages when the
/// dictionary stays small (and repeats values), else PLAIN data pages; version 1 data pages of whole rows, at most
/// <see cref="ParquetWriterOptions.PageRows"/> rows (for a nested column also about as many level entries; for PLAIN
/// pages about <see cref="ParquetWriterOptions.PageBytes"/> bytes of values) with RLE repetition and definition levels;
/// chunk statistics; the chunk's page index (see <see cref="PageIndexBuilder"/>) and, for a dictionary-encoded chunk,
/// its bloom filter (see <see cref="BloomFilterBuilder"/>).
/// </summary>
internal static class ColumnChunkWriter
{
    public static WrittenChunk Write(ParquetOutput output, WriterColumn column, IReadOnlyList<ArrowArray> arrays, ParquetWriterOptions options)
    {
        var shredded = column.IsNested ? NestedValueGatherer.Gather(column, arrays) : ColumnValueGatherer.Gather(column, arrays);
        var values = shredded.Values;
        var rows = shredded.Rows;
        var start = output.Position;
        long uncompressedTotal = 0;
        long compressedTotal = 0;
        long? dictionaryOffset = null;
        ValueBuffer? dictionary = null;
        var dictionaryIndices = options.DictionaryMaxBytes > 0 && column.Physical != PhysicalType.Boolean ? BuildDictionary(values, options.DictionaryMaxBytes, out dictionary) : null;
        if (dictionaryIndices is not null)
        {
            dictionaryOffset = output.Position;
            var plain = Plain(column, dictionary!, 0, dictionary!.Count);
            var header = new PageHeader
            {
                Type = PageType.DictionaryPage,
                DictionaryPageHeader = new DictionaryPageHeader { NumValues = dictionary.Count, Encoding = ParquetEncoding.Plain },
            };
            WritePage(output, header, plain, options.Codec, ref uncompressedTotal, ref compressedTotal);
        }
        var dataOffset = output.Position;
        var bitWidth = dictionaryIndices is null ? 0 : BitWidth(CountOf(dictionaryIndices) - 1);
        var valueIndex = 0;
        var pageIndex = new PageIndexBuilder(column);
        for (var first = 0; first < rows || (rows == 0 && first == 0);)
        {
            var count = PageRows(shredded, column.MaxDefinition, first, valueIndex, dictionaryIndices is null, options);
            var firstLevel = shredded.LevelStart(first);
            var levels = shredded.LevelStart(first + count) - firstLevel;
            var page = new List<byte>();
            if (shredded.Repetitions is { } repetitions) AppendLevels(page, repetitions.AsSpan(firstLevel, levels), column.MaxRepetition);
            var present = levels;
            if (shredded.Definitions is { } definitions)
            {
                var span = definitions.AsSpan(firstLevel, levels);
                present = 0;
                foreach (var d in span)
                {
                    if (d == column.MaxDefinition) present++;
                }
                AppendLevels(page, span, column.MaxDefinition);
            }
            if (dictionaryIndices is not null)
            {
                page.Add((byte)bitWidth);
                RleHybridEncoder.Encode(dictionaryIndices.AsSpan(valueIndex, present), bitWidth, page);
            }
            else
            {
                page.AddRange(Plain(column, values, valueIndex, present));
            }
            var header = new PageHeader
            {
                Type = PageType.DataPage,
                DataPageHeader = new DataPageHeader { NumValues = levels, Encoding = dictionaryIndices is null ? ParquetEncoding.Plain : ParquetEncoding.RleDictionary },
            };
            var pageOffset = output.Position;
            WritePage(output, header, CollectionsMarshal.AsSpan(page), options.Codec, ref uncompressedTotal, ref compressedTotal);
            pageIndex.Add(pageOffset, checked((int)(output.Position - pageOffset)), first, levels, ColumnStatistics.Compute(column, values, valueIndex, present, levels - present));
            valueIndex += present;
            first += count;
            if (rows == 0) break;
        }
        var meta = new ColumnMetaData
        {
            Type = column.Physical,
            Encodings = dictionaryIndices is null ? [ParquetEncoding.Plain, ParquetEncoding.Rle] : [ParquetEncoding.Plain, ParquetEncoding.RleDictionary, ParquetEncoding.Rle],
            PathInSchema = [.. column.Path],
            Codec = options.Codec,
            NumValues = shredded.Levels,
            TotalUncompressedSize = uncompressedTotal,
            TotalCompressedSize = compressedTotal,
            DataPageOffset = dataOffset,
            DictionaryPageOffset = dictionaryOffset,
            Statistics = ColumnStatistics.Compute(column, values, shredded.Levels - values.Count),
        };
        var bloom = dictionaryIndices is not null && options.BloomFilterFpp > 0 ? BloomFilterBuilder.Build(dictionary!, options.BloomFilterFpp) : null;
        return new WrittenChunk(new ColumnChunk { FileOffset = start, MetaData = meta }, pageIndex.BuildColumnIndex(), pageIndex.OffsetIndex, bloom);
    }

    /// <summary>Bits needed for levels or indices up to <paramref name="max"/> (at least 1).</summary>
    private static int BitWidth(int max) => Math.Max(1, 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)Math.Max(0, max)));

    /// <summary>Version 1 page levels: their RLE/bit-packed hybrid encoding after its 4-byte little-endian length.</summary>
    private static void AppendLevels(List<byte> page, ReadOnlySpan<int> levels, int max)
    {
        var encoded = new List<byte>();
        RleHybridEncoder.Encode(levels, BitWidth(max), encoded);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, encoded.Count);
        page.AddRange(length);
        page.AddRange(encoded);
    }

    /// <summary>
    /// Rows of the data page starting at row <paramref name="first"/> (value <paramref name="firstValue"/>): up to
    /// <see cref="ParquetWriterOptions.PageRows"/> rows, and for a nested column up to about as many level entries (a
    /// page holds whole rows: it starts at repetition level 0); a PLAIN page also ends after the row whose values
    /// reach <see cref="ParquetWriterOptions.PageBytes"/>. At least one row.
    /// </summary>
    private static int PageRows(ShreddedColumn column, int maxDefinition, int first, int firstValue, bool plain, ParquetWriterOptions options)
    {
        var limit = Math.Min(options.PageRows, column.Rows - first);
        if (limit <= 0) return limit;
        var values = column.Values;
        var flat = column.Repetitions is null;
        if (flat && !plain) return limit;
        if (flat && values.Width > 0 && column.Definitions is null) return Math.Max(1, Math.Min(limit, (int)Math.Min(int.MaxValue, options.PageBytes / values.Width)));
        var definitions = column.Definitions;
        long bytes = 0;
        var value = firstValue;
        var startLevel = column.LevelStart(first);
        for (var i = 0; i < limit; i++)
        {
            var end = column.LevelStart(first + i + 1);
            if (plain)
            {
                for (var level = column.LevelStart(first + i); level < end; level++)
                {
                    if (definitions is not null && definitions[level] != maxDefinition) continue;
                    bytes += values.Width > 0 ? values.Width : 4 + values.Get(value).Length;
                    value++;
                }
            }
            if (bytes >= options.PageBytes || (!flat && end - startLevel >= options.PageRows)) return i + 1;
        }
        return limit;
    }

    private static int CountOf(int[] indices)
    {
        var max = -1;
        foreach (var i in indices) max = Math.Max(max, i);
        return max + 1;
    }

    /// <summary>Dictionary indices per value, or null when a dictionary would not pay (too big, or no repeats).</summary>
    private static int[]? BuildDictionary(ValueBuffer values, int maxBytes, out ValueBuffer? dictionary)
    {
        dictionary = null;
        if (values.Count == 0) return null;
        var comparer = new ValueBytesComparer(values);
        var map = new Dictionary<int, int>(comparer);
        var indices = new int[values.Count];
        dictionary = new ValueBuffer(values.Width, 64);
        long bytes = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (!map.TryGetValue(i, out var index))
            {
                index = map.Count;
                map.Add(i, index);
                var value = comparer.Get(i);
                if (values.Width == 0) dictionary.AppendBytes(value);
                else value.CopyTo(dictionary.AppendFixed(1));
                bytes += value.Length + (values.Width == 0 ? 4 : 0);
                if (bytes > maxBytes) return null;
            }
            indices[i] = index;
        }
        if (map.Count > values.Count / 2 && values.Count > 32) return null;
        return indices;
    }

    private static byte[] Plain(WriterColumn column, ValueBuffer values, int first, int count)
    {
        if (column.Physical == PhysicalType.Boolean)
        {
            var bits = new byte[(count + 7) / 8];
            for (var i = 0; i < count; i++)
            {
                if (values.Data[first + i] != 0) bits[i >> 3] |= (byte)(1 << (i & 7));
            }
            return bits;
        }
        if (values.Width > 0) return values.Data.AsSpan(first * values.Width, count * values.Width).ToArray();
        var total = 0;
        for (var i = 0; i < count; i++) total += 4 + values.Get(first + i).Length;
        var result = new byte[total];
        var pos = 0;
        for (var i = 0; i < count; i++)
        {
            var value = values.Get(first + i);
            BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(pos), value.Length);
            value.CopyTo(result.AsSpan(pos + 4));
            pos += 4 + value.Length;
        }
        return result;
    }

    private static void WritePage(ParquetOutput output, PageHeader header, ReadOnlySpan<byte> page, CompressionCodec codec, ref long uncompressedTotal, ref long compressedTotal)
    {
        var compressed = ParquetCodecs.Compress(codec, page);
        header.UncompressedPageSize = page.Length;
        header.CompressedPageSize = compressed.Length;
        var writer = new CompactWriter();
        header.Write(writer);
        output.Write(writer.WrittenSpan);
        output.Write(compressed);
        uncompressedTotal += writer.Length + page.Length;
        compressedTotal += writer.Length + compressed.Length;
    }
}
