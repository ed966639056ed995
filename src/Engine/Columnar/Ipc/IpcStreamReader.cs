using System.Buffers.Binary;
using QueryEngine.Engine.Columnar.Ipc.FlatBuffers;
using QueryEngine.Engine.Columnar.Ipc.Reading;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Columnar.Ipc;

/// <summary>
/// Reads the Arrow IPC streaming format (and single messages, as Flight carries them): the schema message first,
/// then record batches until the end marker or the end of the stream. Malformed input is a ProtocolException.
/// </summary>
public sealed class IpcStreamReader(Stream input)
{
    private const int MaxMetadataSize = 64 * 1024 * 1024;
    private const int MaxBodySize = 1024 * 1024 * 1024;
    private const byte HeaderSchema = 1;
    private const byte HeaderDictionaryBatch = 2;
    private const byte HeaderRecordBatch = 3;

    private IReadOnlyList<IpcFieldLayout>? _layouts;

    public Schema? Schema { get; private set; }

    /// <summary>Reads the schema message (once) and returns the schema.</summary>
    public Schema ReadSchema()
    {
        if (Schema is not null) return Schema;
        var (header, _) = ReadMessage() ?? throw new ProtocolException("Arrow IPC: the stream is empty");
        (Schema, _layouts) = DecodeSchema(header);
        return Schema;
    }

    /// <summary>The next record batch, or null at the end of the stream.</summary>
    public RecordBatch? ReadBatch()
    {
        var schema = ReadSchema();
        if (ReadMessage() is not var (header, body)) return null;
        return DecodeBatch(schema, _layouts!, header, body);
    }

    /// <summary>The schema of a FlatBuffers <c>Message</c> holding a Schema header.</summary>
    public static Schema DecodeSchemaMessage(ReadOnlyMemory<byte> header) => DecodeSchema(header).Schema;

    /// <summary>A record batch from a FlatBuffers <c>Message</c> and its body (a Flight <c>FlightData</c>).</summary>
    public static RecordBatch DecodeBatchMessage(Schema schema, ReadOnlyMemory<byte> header, ReadOnlyMemory<byte> body)
    {
        var layouts = LayoutsOf(schema);
        return DecodeBatch(schema, layouts, header, body);
    }

    private static (Schema Schema, IReadOnlyList<IpcFieldLayout> Layouts) DecodeSchema(ReadOnlyMemory<byte> header)
    {
        var message = FbTableReader.Root(header);
        if (message.Byte(1) != HeaderSchema) throw new ProtocolException($"Arrow IPC: expected a schema message, got header type {message.Byte(1)}");
        var schema = message.Table(2) ?? throw new ProtocolException("Arrow IPC: schema message without a schema");
        return IpcSchemaDecoder.Decode(schema);
    }

    private static RecordBatch DecodeBatch(Schema schema, IReadOnlyList<IpcFieldLayout> layouts, ReadOnlyMemory<byte> header, ReadOnlyMemory<byte> body)
    {
        var message = FbTableReader.Root(header);
        switch (message.Byte(1))
        {
            case HeaderRecordBatch:
                var batch = message.Table(2) ?? throw new ProtocolException("Arrow IPC: record batch message without a header");
                return IpcBatchDecoder.Decode(schema, layouts, batch, body);
            case HeaderDictionaryBatch:
                throw new NotSupportedQueryException("Arrow IPC: dictionary batches are not supported");
            default:
                throw new ProtocolException($"Arrow IPC: expected a record batch message, got header type {message.Byte(1)}");
        }
    }

    /// <summary>Layouts for a schema the engine made itself (engine units, no conversion).</summary>
    private static IReadOnlyList<IpcFieldLayout> LayoutsOf(Schema schema) => schema.Fields.Select(f => Layout(f.Type)).ToArray();

    private static IpcFieldLayout Layout(DataType type) => new(type, 1, type switch
    {
        ListType l => [Layout(l.Element.Type)],
        StructType s => s.Fields.Select(f => Layout(f.Type)).ToArray(),
        MapType m => [new IpcFieldLayout(new StructType([m.Key, m.Value]), 1, [Layout(m.Key.Type), Layout(m.Value.Type)])],
        _ => [],
    });

    private (ReadOnlyMemory<byte> Header, ReadOnlyMemory<byte> Body)? ReadMessage()
    {
        Span<byte> word = stackalloc byte[4];
        if (!ReadExactly(word, allowEnd: true)) return null;
        var length = BinaryPrimitives.ReadInt32LittleEndian(word);
        if (length == -1)
        {
            if (!ReadExactly(word, allowEnd: true)) return null;
            length = BinaryPrimitives.ReadInt32LittleEndian(word);
        }
        if (length == 0) return null;
        if (length is < 0 or > MaxMetadataSize) throw new ProtocolException($"Arrow IPC: message metadata length {length}");
        var header = new byte[length];
        ReadExactly(header, allowEnd: false);
        var bodyLength = FbTableReader.Root(header).Long(3);
        if (bodyLength is < 0 or > MaxBodySize) throw new ProtocolException($"Arrow IPC: message body length {bodyLength}");
        var body = new byte[bodyLength];
        ReadExactly(body, allowEnd: false);
        return (header, body);
    }

    private bool ReadExactly(Span<byte> buffer, bool allowEnd)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = input.Read(buffer[read..]);
            if (n == 0)
            {
                if (read == 0 && allowEnd) return false;
                throw new ProtocolException("Arrow IPC: the stream ends inside a message");
            }
            read += n;
        }
        return true;
    }
}
