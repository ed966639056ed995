using System.Buffers.Binary;
using QueryEngine.Engine.Columnar.Ipc.FlatBuffers;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Columnar.Ipc;

/// <summary>
/// Reads the Arrow IPC streaming format (and single messages, as Flight carries them): the schema message first,
/// then dictionary and record batches until the end marker or the end of the stream. Malformed input is a ProtocolException.
/// </summary>
public sealed class IpcStreamReader(Stream input)
{
    private const int MaxMetadataSize = 64 * 1024 * 1024;
    private const int MaxBodySize = 1024 * 1024 * 1024;
    private readonly IpcMessageDecoder _decoder = new();

    public Schema? Schema => _decoder.Schema;

    /// <summary>Reads the schema message (once) and returns the schema.</summary>
    public Schema ReadSchema()
    {
        if (_decoder.Schema is { } schema) return schema;
        var (header, _) = ReadMessage() ?? throw new ProtocolException("Arrow IPC: the stream is empty");
        return _decoder.DecodeSchema(header);
    }

    /// <summary>The next record batch (after any dictionary batches before it), or null at the end of the stream.</summary>
    public RecordBatch? ReadBatch()
    {
        ReadSchema();
        while (ReadMessage() is var (header, body))
        {
            if (_decoder.Decode(header, body) is { } batch) return batch;
        }
        return null;
    }

    /// <summary>The schema of a FlatBuffers <c>Message</c> holding a Schema header.</summary>
    public static Schema DecodeSchemaMessage(ReadOnlyMemory<byte> header) => new IpcMessageDecoder().DecodeSchema(header);

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
