using System.Buffers.Binary;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Parquet.Metadata;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// Reads and checks a file's footer: <c>PAR1</c> at both ends, a footer length that fits inside the file, the
/// Thrift <c>FileMetaData</c>, a schema tree whose leaves match every row group's column chunks, and chunk byte
/// ranges inside the file. One ranged read of the last 64 KiB usually brings the whole footer.
/// </summary>
internal static class ParquetFooter
{
    private const int TailGuess = 64 << 10;

    public static ParquetFileInfo Read(IObjectStore store, string path, long size, ScanContext? context = null)
    {
        if (size < 12) throw new CorruptDataException(path, 0, $"not a Parquet file: {size} bytes is too small for the magic numbers and a footer");
        var tailLength = (int)Math.Min(size, TailGuess);
        var tail = new byte[tailLength];
        ReadExactly(store, path, size - tailLength, tail, context);
        var magic = tail.AsSpan(tailLength - 4);
        if (magic.SequenceEqual("PARE"u8)) throw new NotSupportedQueryException($"{path}: encrypted Parquet files are not supported");
        if (!magic.SequenceEqual("PAR1"u8)) throw new CorruptDataException(path, size - 4, "not a Parquet file: it does not end with the magic number PAR1");
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail.AsSpan(tailLength - 8));
        if (footerLength <= 0 || footerLength > size - 12)
        {
            throw new CorruptDataException(path, size - 8, $"footer length {footerLength} does not fit in a file of {size} bytes");
        }
        Span<byte> head = stackalloc byte[4];
        if (size - tailLength < 4) tail.AsSpan(0, 4).CopyTo(head);
        else ReadExactly(store, path, 0, head, context);
        if (!head.SequenceEqual("PAR1"u8)) throw new CorruptDataException(path, 0, "not a Parquet file: it does not start with the magic number PAR1");

        var footerStart = size - 8 - footerLength;
        ReadOnlySpan<byte> footer;
        if (footerLength + 8 <= tailLength)
        {
            footer = tail.AsSpan(tailLength - 8 - footerLength, footerLength);
        }
        else
        {
            var bytes = new byte[footerLength];
            ReadExactly(store, path, footerStart, bytes, context);
            footer = bytes;
        }
        var reader = new CompactReader(footer, path, footerStart);
        var metadata = FileMetaData.Read(ref reader);
        var schema = ParquetSchema.Build(metadata.Schema, path);
        Validate(metadata, schema, path, footerStart);
        return new ParquetFileInfo(path, size, metadata, schema);
    }

    private static void Validate(FileMetaData metadata, ParquetSchema schema, string path, long footerStart)
    {
        if (metadata.NumRows < 0) throw new CorruptDataException(path, footerStart, $"negative row count {metadata.NumRows}");
        for (var g = 0; g < metadata.RowGroups.Count; g++)
        {
            var group = metadata.RowGroups[g];
            if (group.NumRows < 0 || group.NumRows > int.MaxValue) throw new CorruptDataException(path, footerStart, $"row group {g} has {group.NumRows} rows");
            if (group.Columns.Count != schema.Leaves.Count)
            {
                throw new CorruptDataException(path, footerStart, $"row group {g} has {group.Columns.Count} column chunks for {schema.Leaves.Count} schema columns");
            }
            for (var c = 0; c < group.Columns.Count; c++)
            {
                var chunk = group.Columns[c];
                var where = $"row group {g}, column {schema.Leaves[c].Path}";
                if (chunk.FilePath is not null) throw new NotSupportedQueryException($"{path} ({where}): column chunks in other files are not supported");
                if (chunk.MetaData is not { } meta) throw new CorruptDataException(path, footerStart, $"{where} has no column metadata");
                var (start, length) = ChunkRange(meta);
                if (start < 4 || length <= 0 || start + length > footerStart)
                {
                    throw new CorruptDataException(path, footerStart, $"{where}: column chunk [{start}, {start + length}) lies outside the data of the file");
                }
                if (meta.NumValues < 0) throw new CorruptDataException(path, footerStart, $"{where}: negative value count");
            }
        }
    }

    /// <summary>Byte range of a column chunk: from its dictionary page (if any) or first data page, total compressed size long.</summary>
    public static (long Start, long Length) ChunkRange(ColumnMetaData meta)
    {
        var start = meta.DataPageOffset;
        if (meta.DictionaryPageOffset is { } dictionary && dictionary > 0 && dictionary < start) start = dictionary;
        return (start, meta.TotalCompressedSize);
    }

    /// <summary>Reads exactly <paramref name="destination"/>.Length bytes at <paramref name="offset"/>; a short read is corrupt data.</summary>
    public static void ReadExactly(IObjectStore store, string path, long offset, Span<byte> destination, ScanContext? context)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var n = store.ReadRange(path, offset + total, destination[total..]);
            if (n <= 0) throw new CorruptDataException(path, offset + total, $"the file ends before byte {offset + destination.Length} (was it truncated?)");
            total += n;
        }
        context?.AddBytesRead(total);
    }
}
