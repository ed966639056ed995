using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Parquet.Metadata;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// Reads the bloom filter of one column chunk: the Thrift header at <c>bloom_filter_offset</c>, then the bitset.
/// A filter with an algorithm, hash or compression we do not know is ignored (null); one that is malformed or lies
/// outside the file is corrupt data naming the file, row group and column.
/// </summary>
internal static class BloomFilterReader
{
    /// <summary>Largest bitset accepted (the spec's writers cap filters at 128 MiB).</summary>
    private const int MaxBitset = 128 << 20;

    /// <summary>Bytes fetched for the header when the writer did not record the filter's length.</summary>
    private const int HeaderGuess = 64;

    public static SplitBlockBloomFilter? Read(IObjectStore store, ParquetFileInfo file, int group, ParquetLeaf leaf)
    {
        var meta = file.Metadata.RowGroups[group].Columns[leaf.Index].MetaData;
        if (meta?.BloomFilterOffset is not { } offset) return null;
        var where = $"{file.Path} (row group {group}, column {leaf.Path})";
        if (offset < 4 || offset >= file.Size) throw new CorruptDataException(where, offset, $"bloom filter offset {offset} is outside the file of {file.Size} bytes");
        var available = file.Size - offset;
        var first = meta.BloomFilterLength is { } length
            ? (length <= 0 || length > available || length > MaxBitset + 1024 ? throw new CorruptDataException(where, offset, $"bloom filter length {length} does not fit in the file of {file.Size} bytes") : length)
            : (int)Math.Min(available, HeaderGuess);
        var bytes = new byte[first];
        ParquetFooter.ReadExactly(store, file.Path, offset, bytes, null);
        BloomFilterHeader header;
        int headerLength;
        try
        {
            var reader = new CompactReader(bytes, where, offset);
            header = BloomFilterHeader.Read(ref reader);
            headerLength = reader.Position;
        }
        catch (CorruptDataException)
        {
            throw;
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentOutOfRangeException or InvalidOperationException)
        {
            throw new CorruptDataException(where, offset, "malformed bloom filter header: " + ex.Message, ex);
        }
        if (!header.IsSupported) return null;
        if (header.NumBytes <= 0 || header.NumBytes > MaxBitset || header.NumBytes % SplitBlockBloomFilter.BlockBytes != 0)
        {
            throw new CorruptDataException(where, offset, $"bloom filter of {header.NumBytes} bytes is not a whole number of 32-byte blocks up to {MaxBitset} bytes");
        }
        if (header.NumBytes > available - headerLength) throw new CorruptDataException(where, offset, $"bloom filter of {header.NumBytes} bytes runs past the end of the file");
        var bitset = new byte[header.NumBytes];
        if (meta.BloomFilterLength is not null && headerLength + header.NumBytes <= bytes.Length)
        {
            bytes.AsSpan(headerLength, header.NumBytes).CopyTo(bitset);
        }
        else
        {
            ParquetFooter.ReadExactly(store, file.Path, offset + headerLength, bitset, null);
        }
        return new SplitBlockBloomFilter(bitset);
    }
}
