using System.Buffers;
using System.Buffers.Binary;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Parquet.Compression;
using QueryEngine.Engine.Formats.Parquet.Encodings;
using QueryEngine.Engine.Formats.Parquet.Metadata;
using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// Decodes the pages of one flat column chunk (already read into memory): the optional dictionary page, then
/// data pages v1 and v2 with their definition levels (RLE) and values in any encoding
/// <see cref="PageValueDecoder"/> knows. Every inconsistency (sizes, counts, levels, unknown page kinds) is a
/// <see cref="CorruptDataException"/> naming the file, row group, column and byte offset.
/// </summary>
internal static class ColumnChunkDecoder
{
    /// <summary>Largest uncompressed page accepted (guards allocations driven by corrupt headers).</summary>
    private const int MaxPageSize = 256 << 20;

    /// <summary>Most level entries of one repeated column chunk.</summary>
    private const int MaxEntries = 1 << 28;

    /// <param name="chunk">The chunk's bytes.</param>
    /// <param name="chunkOffset">Offset of <paramref name="chunk"/>[0] in the file.</param>
    /// <param name="meta">The chunk's metadata.</param>
    /// <param name="leaf">The column.</param>
    /// <param name="rows">Rows of the row group.</param>
    /// <param name="source">File, row group and column, for messages.</param>
    /// <param name="keepDictionary">Whether a flat byte-array chunk whose data pages are all dictionary-encoded keeps
    /// its dictionary and indices (<see cref="DecodedChunk.Encoded"/>) instead of gathered values.</param>
    public static DecodedChunk Decode(ReadOnlySpan<byte> chunk, long chunkOffset, ColumnMetaData meta, ParquetLeaf leaf, int rows, string source, CancellationToken cancellation,
        bool keepDictionary = false)
    {
        var maxDef = leaf.MaxDefinition;
        var maxRep = leaf.MaxRepetition;
        if (maxDef > byte.MaxValue || maxRep > byte.MaxValue) throw new CorruptDataException(source, chunkOffset, "nesting too deep");
        if (maxRep == 0 && meta.NumValues != rows) throw new CorruptDataException(source, chunkOffset, $"column chunk holds {meta.NumValues} values for {rows} rows");
        if (maxRep > 0 && (meta.NumValues < rows || meta.NumValues > MaxEntries)) throw new CorruptDataException(source, chunkOffset, $"repeated column chunk holds {meta.NumValues} values for {rows} rows");
        var entries = (int)meta.NumValues;
        // Flat columns keep no definition levels while every entry so far is present (see ReadDefinitions).
        var definitions = maxDef > 0 && maxRep > 0 ? new byte[entries] : null;
        var repetitions = maxRep > 0 ? new byte[entries] : null;
        var collector = keepDictionary && maxRep == 0 && leaf.ValueWidth == 0 ? new DictionaryIndexCollector(entries) : null;
        // Kept indices need no value buffer up front; it grows if a page falls back to another encoding.
        var values = collector is null ? NewValues(leaf.ValueWidth, entries, chunk.Length, meta.TotalUncompressedSize) : new ValueBuffer(0, 16, 16, pooled: true);
        ValueBuffer? dictionary = null;
        try
        {
            var levelsDone = 0;
            var pos = 0;
            while (levelsDone < entries)
            {
                cancellation.ThrowIfCancellationRequested();
                if (pos >= chunk.Length) throw new CorruptDataException(source, chunkOffset + pos, $"column chunk ends after {levelsDone} of {entries} values");
                var headerReader = new CompactReader(chunk[pos..], source, chunkOffset + pos);
                var header = PageHeader.Read(ref headerReader);
                var headerOffset = chunkOffset + pos;
                pos += headerReader.Position;
                var where = new PageError(source, headerOffset);
                if (header.CompressedPageSize > chunk.Length - pos) throw where.Corrupt($"page of {header.CompressedPageSize} bytes runs past the end of the column chunk");
                if (header.UncompressedPageSize > MaxPageSize) throw where.Corrupt($"page declares {header.UncompressedPageSize} uncompressed bytes");
                var stored = header.Type == PageType.DataPageV2 && header.DataPageHeaderV2 is { IsCompressed: false };
                if ((meta.Codec == CompressionCodec.Uncompressed || stored) && header.UncompressedPageSize != header.CompressedPageSize)
                {
                    throw where.Corrupt($"uncompressed page of {header.CompressedPageSize} bytes declares {header.UncompressedPageSize} bytes");
                }
                var page = chunk.Slice(pos, header.CompressedPageSize);
                pos += header.CompressedPageSize;
                switch (header.Type)
                {
                    case PageType.DictionaryPage:
                        {
                            var dh = header.DictionaryPageHeader ?? throw where.Corrupt("dictionary page without its header");
                            if (dictionary is not null) throw where.Corrupt("second dictionary page in a column chunk");
                            if (dh.Encoding is not (ParquetEncoding.Plain or ParquetEncoding.PlainDictionary)) throw where.Corrupt($"dictionary page in encoding {dh.Encoding}");
                            if (dh.NumValues > header.UncompressedPageSize * 8L + 8) throw where.Corrupt($"dictionary of {dh.NumValues} values in {header.UncompressedPageSize} bytes");
                            dictionary = new ValueBuffer(leaf.ValueWidth, Math.Min(dh.NumValues, 1 << 16), leaf.ValueWidth == 0 ? Math.Min(header.UncompressedPageSize, MaxPageSize) : -1);
                            WithDecompressed(meta.Codec, page, header.UncompressedPageSize, source, headerOffset, dh.NumValues, dictionary,
                                static (data, count, target, state) => PageValueDecoder.Decode(data, ParquetEncoding.Plain, state.Physical, count, null, target, state.Where),
                                new V2State(leaf.Physical, where, ParquetEncoding.Plain, null));
                            break;
                        }
                    case PageType.DataPage:
                        {
                            var dh = header.DataPageHeader ?? throw where.Corrupt("data page without its header");
                            if (dh.NumValues < 0 || dh.NumValues > entries - levelsDone) throw where.Corrupt($"data page of {dh.NumValues} values where {entries - levelsDone} remain");
                            var decompressed = ArrayPool<byte>.Shared.Rent(Math.Max(1, header.UncompressedPageSize));
                            try
                            {
                                var data = decompressed.AsSpan(0, header.UncompressedPageSize);
                                ParquetCodecs.Decompress(meta.Codec, page, data, source, headerOffset);
                                var present = dh.NumValues;
                                if (maxRep > 0)
                                {
                                    if (dh.RepetitionLevelEncoding != ParquetEncoding.Rle) throw new NotSupportedQueryException($"{source} at byte {headerOffset}: repetition levels in encoding {dh.RepetitionLevelEncoding} are not supported");
                                    if (data.Length < 4) throw where.Corrupt("data page too short for its repetition levels");
                                    var length = BinaryPrimitives.ReadInt32LittleEndian(data);
                                    if (length < 0 || length > data.Length - 4) throw where.Corrupt($"repetition levels of {length} bytes run past the page");
                                    ReadLevels(data.Slice(4, length), maxRep, repetitions!.AsSpan(levelsDone, dh.NumValues), where);
                                    data = data[(4 + length)..];
                                }
                                if (maxDef > 0)
                                {
                                    if (dh.DefinitionLevelEncoding != ParquetEncoding.Rle) throw new NotSupportedQueryException($"{source} at byte {headerOffset}: definition levels in encoding {dh.DefinitionLevelEncoding} are not supported");
                                    if (data.Length < 4) throw where.Corrupt("data page too short for its definition levels");
                                    var length = BinaryPrimitives.ReadInt32LittleEndian(data);
                                    if (length < 0 || length > data.Length - 4) throw where.Corrupt($"definition levels of {length} bytes run past the page");
                                    present = ReadDefinitions(data.Slice(4, length), maxDef, ref definitions, entries, levelsDone, dh.NumValues, where);
                                    data = data[(4 + length)..];
                                }
                                if (collector?.TryKeep(data, dh.Encoding, present, dictionary, values, where) != true)
                                {
                                    PageValueDecoder.Decode(data, dh.Encoding, leaf.Physical, present, dictionary, values, where);
                                }
                                levelsDone += dh.NumValues;
                            }
                            finally
                            {
                                ArrayPool<byte>.Shared.Return(decompressed);
                            }
                            break;
                        }
                    case PageType.DataPageV2:
                        {
                            var dh = header.DataPageHeaderV2 ?? throw where.Corrupt("data page v2 without its header");
                            if (dh.NumValues > entries - levelsDone) throw where.Corrupt($"data page of {dh.NumValues} values where {entries - levelsDone} remain");
                            if (maxRep == 0 && dh.RepetitionLevelsByteLength != 0) throw where.Corrupt("repetition levels in a column that is not repeated");
                            var repBytes = dh.RepetitionLevelsByteLength;
                            var levelBytes = (long)repBytes + dh.DefinitionLevelsByteLength;
                            if (levelBytes > page.Length || levelBytes > header.UncompressedPageSize) throw where.Corrupt($"levels of {levelBytes} bytes run past the page");
                            if (maxRep > 0) ReadLevels(page[..repBytes], maxRep, repetitions!.AsSpan(levelsDone, dh.NumValues), where);
                            var present = dh.NumValues - dh.NumNulls;
                            if (maxDef > 0)
                            {
                                var counted = ReadDefinitions(page[repBytes..(int)levelBytes], maxDef, ref definitions, entries, levelsDone, dh.NumValues, where);
                                if (counted != present) throw where.Corrupt($"data page v2 declares {dh.NumNulls} nulls, its levels hold {dh.NumValues - counted}");
                            }
                            else if (dh.NumNulls != 0)
                            {
                                throw where.Corrupt("nulls in a required column");
                            }
                            var body = page[(int)levelBytes..];
                            var bodySize = header.UncompressedPageSize - (int)levelBytes;
                            if (dh.IsCompressed && meta.Codec != CompressionCodec.Uncompressed)
                            {
                                WithDecompressed(meta.Codec, body, bodySize, source, headerOffset, present, values,
                                    static (data, count, target, state) =>
                                    {
                                        if (state.Collector?.TryKeep(data, state.Encoding, count, state.Dictionary, target, state.Where) == true) return;
                                        PageValueDecoder.Decode(data, state.Encoding, state.Physical, count, state.Dictionary, target, state.Where);
                                    },
                                    new V2State(leaf.Physical, where, dh.Encoding, dictionary, collector));
                            }
                            else if (collector?.TryKeep(body, dh.Encoding, present, dictionary, values, where) != true)
                            {
                                PageValueDecoder.Decode(body, dh.Encoding, leaf.Physical, present, dictionary, values, where);
                            }
                            levelsDone += dh.NumValues;
                            break;
                        }
                    default:
                        // Index pages and unknown kinds carry no values of this chunk.
                        break;
                }
            }
            if (repetitions is not null)
            {
                var starts = 0;
                foreach (var r in repetitions) starts += r == 0 ? 1 : 0;
                if (starts != rows) throw new CorruptDataException(source, chunkOffset, $"repeated column chunk holds {starts} records for {rows} rows");
            }
            if (collector is { Active: true } && dictionary is not null)
            {
                var encoded = new EncodedValues(dictionary, collector);
                collector = null;
                return new DecodedChunk(rows, definitions, maxDef, values, repetitions) { Encoded = encoded };
            }
            return new DecodedChunk(rows, definitions, maxDef, values, repetitions);
        }
        finally
        {
            collector?.Release();
        }
    }

    private readonly record struct V2State(PhysicalType Physical, PageError Where, ParquetEncoding Encoding, ValueBuffer? Dictionary, DictionaryIndexCollector? Collector = null);

    private delegate void PageAction<TState>(ReadOnlySpan<byte> data, int count, ValueBuffer target, TState state);

    private static void WithDecompressed<TState>(CompressionCodec codec, ReadOnlySpan<byte> page, int size, string source, long offset, int count, ValueBuffer target, PageAction<TState> action, TState state)
    {
        if (size < 0) throw new CorruptDataException(source, offset, $"page declares {size} uncompressed bytes");
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, size));
        try
        {
            var data = buffer.AsSpan(0, size);
            ParquetCodecs.Decompress(codec, page, data, source, offset);
            action(data, count, target, state);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The chunk's value buffer, pooled and sized for all its values up front where the chunk's size makes that
    /// plausible (a corrupt footer cannot force a large allocation: the estimate is bounded by the bytes present).
    /// </summary>
    private static ValueBuffer NewValues(int width, int entries, int chunkBytes, long uncompressedBytes)
    {
        var plausible = (1 << 16) + (chunkBytes * 16L);
        var capacity = (int)Math.Min(entries, plausible);
        var bytes = width == 0 ? Math.Clamp(uncompressedBytes, 16, Math.Min(plausible * 4, MaxPageSize)) : -1;
        return new ValueBuffer(width, capacity, bytes, pooled: true);
    }

    /// <summary>
    /// Decodes a page's definition levels; returns how many equal the maximum (non-null values). While every level
    /// so far is the maximum (no nulls), <paramref name="definitions"/> stays null; it is allocated, with the
    /// earlier entries filled with the maximum, at the first page that holds a null.
    /// </summary>
    private static int ReadDefinitions(ReadOnlySpan<byte> data, int maxDef, ref byte[]? definitions, int entries, int done, int count, PageError where)
    {
        if (definitions is not null) return ReadLevels(data, maxDef, definitions.AsSpan(done, count), where);
        var scratch = ArrayPool<byte>.Shared.Rent(Math.Max(1, count));
        try
        {
            var levels = scratch.AsSpan(0, count);
            var present = ReadLevels(data, maxDef, levels, where);
            if (present != count)
            {
                definitions = new byte[entries];
                definitions.AsSpan(0, done).Fill((byte)maxDef);
                levels.CopyTo(definitions.AsSpan(done));
            }
            return present;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>Decodes RLE levels into <paramref name="target"/>; returns how many equal the maximum.</summary>
    private static int ReadLevels(ReadOnlySpan<byte> data, int maxLevel, Span<byte> target, PageError where)
    {
        var width = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)maxLevel);
        return new RleHybridDecoder(data, width, where).ReadLevels(target, maxLevel);
    }
}
