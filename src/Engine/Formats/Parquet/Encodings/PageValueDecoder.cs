using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Parquet.Metadata;

namespace QueryEngine.Engine.Formats.Parquet.Encodings;

/// <summary>Decodes the value section of one page (its non-null values) and appends them to a <see cref="ValueBuffer"/>.</summary>
internal static class PageValueDecoder
{
    /// <param name="data">The page's value bytes (after the levels).</param>
    /// <param name="encoding">The page's value encoding.</param>
    /// <param name="type">The column's physical type.</param>
    /// <param name="count">Number of non-null values in the page.</param>
    /// <param name="dictionary">The chunk's dictionary (for dictionary encodings), else null.</param>
    /// <param name="output">Where the values go (its width matches the physical type).</param>
    /// <param name="where">File/row group/column and page offset, for errors.</param>
    public static void Decode(ReadOnlySpan<byte> data, ParquetEncoding encoding, PhysicalType type, int count, ValueBuffer? dictionary, ValueBuffer output, PageError where)
    {
        if (count == 0) return;
        switch (encoding)
        {
            case ParquetEncoding.Plain:
                DecodePlain(data, type, count, output, where);
                return;
            case ParquetEncoding.PlainDictionary:
            case ParquetEncoding.RleDictionary:
                if (dictionary is null) throw where.Corrupt("dictionary-encoded page without a dictionary page");
                DecodeDictionary(data, count, dictionary, output, where);
                return;
            case ParquetEncoding.Rle when type == PhysicalType.Boolean:
                {
                    if (data.Length < 4) throw where.Corrupt("RLE boolean page too short");
                    var length = BinaryPrimitives.ReadInt32LittleEndian(data);
                    if (length < 0 || length > data.Length - 4) throw where.Corrupt($"RLE boolean length {length} runs past the page");
                    var scratch = ArrayPool<int>.Shared.Rent(count);
                    try
                    {
                        var values = scratch.AsSpan(0, count);
                        new RleHybridDecoder(data.Slice(4, length), 1, where).Read(values);
                        var target = output.AppendFixed(count);
                        for (var i = 0; i < count; i++) target[i] = (byte)values[i];
                    }
                    finally
                    {
                        ArrayPool<int>.Shared.Return(scratch);
                    }
                    return;
                }
            case ParquetEncoding.DeltaBinaryPacked when type is PhysicalType.Int32 or PhysicalType.Int64:
                {
                    var scratch = ArrayPool<long>.Shared.Rent(count);
                    try
                    {
                        var values = scratch.AsSpan(0, count);
                        var decoder = new DeltaBinaryPackedDecoder(data, where);
                        var n = decoder.Read(values);
                        if (n != count) throw where.Corrupt($"DELTA_BINARY_PACKED page holds {n} values, expected {count}");
                        var target = output.AppendFixed(count);
                        if (type == PhysicalType.Int32)
                        {
                            for (var i = 0; i < count; i++) BinaryPrimitives.WriteInt32LittleEndian(target[(i * 4)..], unchecked((int)values[i]));
                        }
                        else
                        {
                            for (var i = 0; i < count; i++) BinaryPrimitives.WriteInt64LittleEndian(target[(i * 8)..], values[i]);
                        }
                    }
                    finally
                    {
                        ArrayPool<long>.Shared.Return(scratch);
                    }
                    return;
                }
            case ParquetEncoding.DeltaLengthByteArray when type == PhysicalType.ByteArray:
                DecodeDeltaLength(data, count, output, where);
                return;
            case ParquetEncoding.DeltaByteArray when type is PhysicalType.ByteArray or PhysicalType.FixedLenByteArray:
                DecodeDeltaByteArray(data, count, output, where);
                return;
            case ParquetEncoding.ByteStreamSplit when output.Width > 0:
                {
                    var width = output.Width;
                    if ((long)count * width > data.Length) throw where.Corrupt($"BYTE_STREAM_SPLIT page holds {data.Length} bytes, fewer than {count} values of {width} bytes");
                    var target = output.AppendFixed(count);
                    for (var stream = 0; stream < width; stream++)
                    {
                        var source = data.Slice(stream * count, count);
                        for (var i = 0; i < count; i++) target[(i * width) + stream] = source[i];
                    }
                    return;
                }
            default:
                throw new NotSupportedQueryException($"{where.Source} at byte {where.Offset}: Parquet encoding {encoding} is not supported for {type} values");
        }
    }

    private static void DecodePlain(ReadOnlySpan<byte> data, PhysicalType type, int count, ValueBuffer output, PageError where)
    {
        if (type == PhysicalType.Boolean)
        {
            if ((count + 7) / 8 > data.Length) throw where.Corrupt($"PLAIN boolean page holds {data.Length} bytes, fewer than {count} bits");
            var target = output.AppendFixed(count);
            for (var i = 0; i < count; i++) target[i] = (byte)((data[i >> 3] >> (i & 7)) & 1);
            return;
        }
        if (type == PhysicalType.ByteArray)
        {
            // The values' bytes are fewer than the page's, so one reservation covers the page.
            output.Reserve(count, data.Length);
            var pos = 0;
            for (var i = 0; i < count; i++)
            {
                if (data.Length - pos < 4) throw where.Corrupt($"PLAIN byte array value {i} of {count} runs past the end of the page");
                var length = BinaryPrimitives.ReadInt32LittleEndian(data[pos..]);
                pos += 4;
                if (length < 0 || length > data.Length - pos) throw where.Corrupt($"PLAIN byte array value {i} has length {length}, past the end of the page");
                output.AppendReserved(data.Slice(pos, length));
                pos += length;
            }
            return;
        }
        var width = output.Width;
        var bytes = (long)count * width;
        if (bytes > data.Length) throw where.Corrupt($"PLAIN page holds {data.Length} bytes, fewer than {count} values of {width} bytes");
        data[..(int)bytes].CopyTo(output.AppendFixed(count));
    }

    /// <summary>
    /// The indices of a dictionary-encoded page (RLE_DICTIONARY or PLAIN_DICTIONARY) into <paramref name="target"/>, each
    /// checked against the dictionary's size, for readers that keep the values encoded.
    /// </summary>
    public static void DecodeDictionaryIndices(ReadOnlySpan<byte> data, int count, int dictionarySize, Span<int> target, PageError where)
    {
        if (count == 0) return;
        if (data.Length < 1) throw where.Corrupt("dictionary-encoded page without the index bit width");
        var indices = target[..count];
        new RleHybridDecoder(data[1..], data[0], where).Read(indices);
        CheckIndices(indices, dictionarySize, where);
    }

    private static void DecodeDictionary(ReadOnlySpan<byte> data, int count, ValueBuffer dictionary, ValueBuffer output, PageError where)
    {
        if (data.Length < 1) throw where.Corrupt("dictionary-encoded page without the index bit width");
        var bitWidth = data[0];
        var scratch = ArrayPool<int>.Shared.Rent(count);
        try
        {
            var indices = scratch.AsSpan(0, count);
            new RleHybridDecoder(data[1..], bitWidth, where).Read(indices);
            var size = dictionary.Count;
            var width = dictionary.Width;
            if (width == 0)
            {
                CheckIndices(indices, size, where);
                output.AppendGathered(indices, dictionary);
                return;
            }
            var target = output.AppendFixed(count);
            var source = dictionary.Data.AsSpan(0, size * width);
            switch (width)
            {
                case 4:
                    Gather(indices, MemoryMarshal.Cast<byte, int>(source), MemoryMarshal.Cast<byte, int>(target), where);
                    break;
                case 8:
                    Gather(indices, MemoryMarshal.Cast<byte, long>(source), MemoryMarshal.Cast<byte, long>(target), where);
                    break;
                default:
                    CheckIndices(indices, size, where);
                    for (var i = 0; i < indices.Length; i++) source.Slice(indices[i] * width, width).CopyTo(target[(i * width)..]);
                    break;
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(scratch);
        }
    }

    /// <summary>target[i] = dictionary[indices[i]], every index checked against the dictionary's size.</summary>
    private static void Gather<T>(ReadOnlySpan<int> indices, ReadOnlySpan<T> dictionary, Span<T> target, PageError where)
        where T : unmanaged
    {
        target = target[..indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            var j = indices[i];
            if ((uint)j >= (uint)dictionary.Length) throw OutsideDictionary(j, dictionary.Length, where);
            target[i] = dictionary[j];
        }
    }

    private static void CheckIndices(ReadOnlySpan<int> indices, int size, PageError where)
    {
        for (var i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)size) throw OutsideDictionary(indices[i], size, where);
        }
    }

    private static Exception OutsideDictionary(int index, int size, PageError where) => where.Corrupt($"dictionary index {index} outside the dictionary of {size} values");

    private static void DecodeDeltaLength(ReadOnlySpan<byte> data, int count, ValueBuffer output, PageError where)
    {
        var scratch = ArrayPool<long>.Shared.Rent(count);
        try
        {
            var lengths = scratch.AsSpan(0, count);
            var decoder = new DeltaBinaryPackedDecoder(data, where);
            var n = decoder.Read(lengths);
            if (n != count) throw where.Corrupt($"DELTA_LENGTH_BYTE_ARRAY page holds {n} lengths, expected {count}");
            var pos = decoder.Position;
            output.Reserve(count, data.Length - pos);
            for (var i = 0; i < count; i++)
            {
                var length = lengths[i];
                if (length < 0 || length > data.Length - pos) throw where.Corrupt($"DELTA_LENGTH_BYTE_ARRAY value {i} has length {length}, past the end of the page");
                output.AppendReserved(data.Slice(pos, (int)length));
                pos += (int)length;
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(scratch);
        }
    }

    private static void DecodeDeltaByteArray(ReadOnlySpan<byte> data, int count, ValueBuffer output, PageError where)
    {
        var prefixScratch = ArrayPool<long>.Shared.Rent(count);
        var suffixScratch = ArrayPool<long>.Shared.Rent(count);
        byte[] previous = ArrayPool<byte>.Shared.Rent(256);
        try
        {
            var prefixes = prefixScratch.AsSpan(0, count);
            var prefixDecoder = new DeltaBinaryPackedDecoder(data, where);
            if (prefixDecoder.Read(prefixes) != count) throw where.Corrupt("DELTA_BYTE_ARRAY prefix lengths do not match the value count");
            var rest = data[prefixDecoder.Position..];
            var suffixes = suffixScratch.AsSpan(0, count);
            var suffixDecoder = new DeltaBinaryPackedDecoder(rest, where);
            if (suffixDecoder.Read(suffixes) != count) throw where.Corrupt("DELTA_BYTE_ARRAY suffix lengths do not match the value count");
            var pos = suffixDecoder.Position;
            var previousLength = 0;
            var fixedWidth = output.Width;
            for (var i = 0; i < count; i++)
            {
                var prefix = prefixes[i];
                var suffix = suffixes[i];
                if (prefix < 0 || prefix > previousLength) throw where.Corrupt($"DELTA_BYTE_ARRAY value {i} has prefix length {prefix}, longer than the previous value");
                if (suffix < 0 || suffix > rest.Length - pos) throw where.Corrupt($"DELTA_BYTE_ARRAY value {i} has suffix length {suffix}, past the end of the page");
                var length = (int)(prefix + suffix);
                if (length > previous.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(length * 2);
                    previous.AsSpan(0, previousLength).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(previous);
                    previous = bigger;
                }
                rest.Slice(pos, (int)suffix).CopyTo(previous.AsSpan((int)prefix));
                pos += (int)suffix;
                previousLength = length;
                if (fixedWidth == 0)
                {
                    output.AppendBytes(previous.AsSpan(0, length));
                }
                else
                {
                    if (length != fixedWidth) throw where.Corrupt($"DELTA_BYTE_ARRAY value {i} has {length} bytes, the column's fixed length is {fixedWidth}");
                    previous.AsSpan(0, length).CopyTo(output.AppendFixed(1));
                }
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(prefixScratch);
            ArrayPool<long>.Shared.Return(suffixScratch);
            ArrayPool<byte>.Shared.Return(previous);
        }
    }
}
