using System.Buffers.Binary;
using QueryEngine.Engine.Columnar.Ipc.FlatBuffers;

namespace QueryEngine.Engine.Columnar.Ipc;

/// <summary>
/// Builds the FlatBuffers metadata of IPC messages per Message.fbs and Schema.fbs: <c>Message</c> (version V5)
/// holding a <c>Schema</c>, <c>DictionaryBatch</c> or <c>RecordBatch</c> header.
/// </summary>
public static class IpcMessageEncoder
{
    private const short MetadataVersionV5 = 4;
    private const byte HeaderSchema = 1;
    private const byte HeaderDictionaryBatch = 2;
    private const byte HeaderRecordBatch = 3;

    public static IpcMessage Schema(IReadOnlyList<IpcField> fields, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var schema = new FbTable()
            .Short(0, 0) // endianness: Little
            .Offset(1, new FbTableVector(fields.Select(FieldTable).ToArray()));
        if (metadata is { Count: > 0 }) schema.Offset(2, KeyValues(metadata));
        return new IpcMessage(MessageBytes(HeaderSchema, schema, 0), ReadOnlyMemory<byte>.Empty);
    }

    public static IpcMessage RecordBatch(long rowCount, IpcBodyBuilder body) =>
        new(MessageBytes(HeaderRecordBatch, RecordBatchTable(rowCount, body), body.Body.Length), body.Body);

    /// <summary>
    /// A <c>DictionaryBatch</c> { id, data: a record batch of one column (the values), isDelta }: a delta appends its
    /// values to the dictionary of that id; otherwise the values replace it (or define it, the first time).
    /// </summary>
    public static IpcMessage DictionaryBatch(long id, long valueCount, IpcBodyBuilder body, bool isDelta)
    {
        var dictionary = new FbTable()
            .Long(0, id)
            .Offset(1, RecordBatchTable(valueCount, body));
        if (isDelta) dictionary.Bool(2, true);
        return new IpcMessage(MessageBytes(HeaderDictionaryBatch, dictionary, body.Body.Length), body.Body);
    }

    private static FbTable RecordBatchTable(long rowCount, IpcBodyBuilder body)
    {
        var nodes = body.NodeBytes();
        var buffers = body.BufferBytes(out var bufferCount);
        var batch = new FbTable()
            .Long(0, rowCount)
            .Offset(1, new FbStructVector(nodes, nodes.Length / 16, 8))
            .Offset(2, new FbStructVector(buffers, bufferCount, 8));
        // BodyCompression { codec: CompressionType (LZ4_FRAME = 0, ZSTD = 1), method: BUFFER = 0 }
        if (body.Compression != IpcCompression.None) batch.Offset(3, new FbTable().Byte(0, (byte)(body.Compression - 1)).Byte(1, 0));
        return batch;
    }

    private static byte[] MessageBytes(byte headerType, FbTable header, long bodyLength)
    {
        var message = new FbTable()
            .Short(0, MetadataVersionV5)
            .Byte(1, headerType)
            .Offset(2, header);
        // Left out when 0 (its default), as FlatBuffers builders do: readers that parse a schema message together
        // with its 4-byte length prefix (arrow-rs) would otherwise find this 8-byte field misaligned.
        if (bodyLength != 0) message.Long(3, bodyLength);
        return FbSerializer.Serialize(message);
    }

    private static FbTable FieldTable(IpcField field)
    {
        var table = new FbTable()
            .String(0, field.Name)
            .Bool(1, field.Nullable)
            .Byte(2, (byte)field.Type.Kind)
            .Offset(3, TypeTable(field.Type));
        // DictionaryEncoding { id, indexType: Int { bitWidth: 32, is_signed: true }, isOrdered: false }
        if (field.Dictionary is { } dictionary) table.Offset(4, new FbTable().Long(0, dictionary.Id).Offset(1, new FbTable().Int(0, 32).Bool(1, true)));
        table.Offset(5, new FbTableVector(field.Children.Select(FieldTable).ToArray()));
        if (field.Metadata is { Count: > 0 } metadata) table.Offset(6, KeyValues(metadata));
        return table;
    }

    private static FbTable TypeTable(IpcType type) => type.Kind switch
    {
        IpcTypeKind.Int => new FbTable().Int(0, type.BitWidth).Bool(1, type.Signed),
        IpcTypeKind.FloatingPoint => new FbTable().Short(0, type.BitWidth == 32 ? (short)1 : (short)2),
        IpcTypeKind.Decimal => new FbTable().Int(0, type.Precision).Int(1, type.Scale).Int(2, 128),
        IpcTypeKind.Date => new FbTable().Short(0, 0), // DateUnit.DAY
        IpcTypeKind.Timestamp => TimestampTable(type.TimeUnit, type.TimeZone),
        IpcTypeKind.Time => new FbTable().Short(0, type.TimeUnit).Int(1, type.BitWidth),
        IpcTypeKind.Map => new FbTable().Bool(0, type.KeysSorted),
        IpcTypeKind.Interval => new FbTable().Short(0, 0), // IntervalUnit.YEAR_MONTH
        IpcTypeKind.Duration => new FbTable().Short(0, type.TimeUnit),
        IpcTypeKind.Union => new FbTable().Short(0, 1).Offset(1, IntVector(type.TypeIds ?? [])), // UnionMode.Dense
        _ => new FbTable(),
    };

    private static FbTable TimestampTable(short unit, string? timeZone)
    {
        var table = new FbTable().Short(0, unit); // TimeUnit: 0 SECOND, 1 MILLISECOND, 2 MICROSECOND, 3 NANOSECOND
        if (timeZone is not null) table.String(1, timeZone);
        return table;
    }

    private static FbStructVector IntVector(IReadOnlyList<int> values)
    {
        var bytes = new byte[values.Count * 4];
        for (var i = 0; i < values.Count; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
        return new FbStructVector(bytes, values.Count, 4);
    }

    private static FbTableVector KeyValues(IReadOnlyDictionary<string, string> metadata)
    {
        var items = new List<FbObject>(metadata.Count);
        foreach (var (key, value) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            items.Add(new FbTable().String(0, key).String(1, value));
        }
        return new FbTableVector(items);
    }
}
