using System.Buffers.Binary;
using System.Runtime.InteropServices;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Formats.Parquet.Compression;
using QueryEngine.Engine.Formats.Parquet.Encodings;
using QueryEngine.Engine.Formats.Parquet.Metadata;
using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Formats.Parquet.Writing;

/// <summary>
/// Writes one column chunk of a row group: a PLAIN dictionary page and RLE_DICTIONARY data pages when the
/// dictionary stays small (and repeats values), else PLAIN data pages; version 1 data pages of at most
/// <see cref="ParquetWriterOptions.PageRows"/> rows (and, for PLAIN pages, about <see cref="ParquetWriterOptions.PageBytes"/>
/// bytes of values) with RLE definition levels; chunk statistics; the chunk's page index (see <see cref="PageIndexBuilder"/>)
/// and, for a dictionary-encoded chunk, its bloom filter (see <see cref="BloomFilterBuilder"/>).
/// </summary>
internal static class ColumnChunkWriter
{
    public static WrittenChunk Write(ParquetOutput output, WriterColumn column, IReadOnlyList<ArrowArray> arrays, ParquetWriterOptions options)
    {
        var values = ColumnValueGatherer.Gather(column, arrays, out var definitions);
        var rows = definitions?.Length ?? values.Count;
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
        var bitWidth = dictionaryIndices is null ? 0 : Math.Max(1, 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)Math.Max(0, CountOf(dictionaryIndices) - 1)));
        var valueIndex = 0;
        var pageIndex = new PageIndexBuilder(column);
        for (var first = 0; first < rows || (rows == 0 && first == 0);)
        {
            var count = dictionaryIndices is null ? PlainPageRows(values, definitions, first, valueIndex, rows, options) : Math.Min(options.PageRows, rows - first);
            var page = new List<byte>();
            var present = count;
            if (definitions is not null)
            {
                var levels = new int[count];
                present = 0;
                for (var i = 0; i < count; i++)
                {
                    levels[i] = definitions[first + i];
                    present += levels[i];
                }
                var encoded = new List<byte>();
                RleHybridEncoder.Encode(levels, 1, encoded);
                var length = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(length, encoded.Count);
                page.AddRange(length);
                page.AddRange(encoded);
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
                DataPageHeader = new DataPageHeader { NumValues = count, Encoding = dictionaryIndices is null ? ParquetEncoding.Plain : ParquetEncoding.RleDictionary },
            };
            var pageOffset = output.Position;
            WritePage(output, header, CollectionsMarshal.AsSpan(page), options.Codec, ref uncompressedTotal, ref compressedTotal);
            pageIndex.Add(pageOffset, checked((int)(output.Position - pageOffset)), first, count, ColumnStatistics.Compute(column, values, valueIndex, present, count - present));
            valueIndex += present;
            first += count;
            if (rows == 0) break;
        }
        var meta = new ColumnMetaData
        {
            Type = column.Physical,
            Encodings = dictionaryIndices is null ? [ParquetEncoding.Plain, ParquetEncoding.Rle] : [ParquetEncoding.Plain, ParquetEncoding.RleDictionary, ParquetEncoding.Rle],
            PathInSchema = [column.Field.Name],
            Codec = options.Codec,
            NumValues = rows,
            TotalUncompressedSize = uncompressedTotal,
            TotalCompressedSize = compressedTotal,
            DataPageOffset = dataOffset,
            DictionaryPageOffset = dictionaryOffset,
            Statistics = ColumnStatistics.Compute(column, values, rows - values.Count),
        };
        var bloom = dictionaryIndices is not null && options.BloomFilterFpp > 0 ? BloomFilterBuilder.Build(dictionary!, options.BloomFilterFpp) : null;
        return new WrittenChunk(new ColumnChunk { FileOffset = start, MetaData = meta }, pageIndex.BuildColumnIndex(), pageIndex.OffsetIndex, bloom);
    }

    /// <summary>
    /// Rows of the PLAIN page starting at row <paramref name="first"/> (value <paramref name="firstValue"/>): up to
    /// <see cref="ParquetWriterOptions.PageRows"/>, ending after the row whose value reaches <see cref="ParquetWriterOptions.PageBytes"/>.
    /// </summary>
    private static int PlainPageRows(ValueBuffer values, byte[]? definitions, int first, int firstValue, int rows, ParquetWriterOptions options)
    {
        var limit = Math.Min(options.PageRows, rows - first);
        if (limit <= 0) return limit;
        if (values.Width > 0 && definitions is null) return Math.Max(1, Math.Min(limit, (int)Math.Min(int.MaxValue, options.PageBytes / values.Width)));
        long bytes = 0;
        var value = firstValue;
        for (var i = 0; i < limit; i++)
        {
            if (definitions is not null && definitions[first + i] == 0) continue;
            bytes += values.Width > 0 ? values.Width : 4 + values.Get(value).Length;
            value++;
            if (bytes >= options.PageBytes) return i + 1;
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
