using System.Buffers.Binary;

namespace QueryEngine.Engine.Columnar.Ipc;

/// <summary>
/// The Arrow IPC streaming format: each message is the continuation marker 0xFFFFFFFF, the int32 length of the
/// (8-byte padded) FlatBuffers metadata, the metadata, then the body; the stream ends with a marker and length 0.
/// </summary>
public sealed class IpcStreamWriter(Stream output, IpcCompression compression = IpcCompression.None)
{
    private readonly Stream _output = output;

    /// <summary>A schema message alone, as Flight puts in <c>FlightInfo.schema</c> and <c>SchemaResult</c>.</summary>
    public static byte[] SchemaBytes(IReadOnlyList<IpcField> fields, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var buffer = new MemoryStream();
        new IpcStreamWriter(buffer).Write(IpcMessageEncoder.Schema(fields, metadata));
        return buffer.ToArray();
    }

    public static byte[] SchemaBytes(Schema schema) => SchemaBytes(IpcSchemaMapping.Fields(schema), schema.Metadata);

    public void WriteSchema(Schema schema) => Write(IpcMessageEncoder.Schema(IpcSchemaMapping.Fields(schema), schema.Metadata));

    public void WriteBatch(RecordBatch batch) => Write(IpcArrayEncoder.Encode(batch, compression));

    public void Write(IpcMessage message)
    {
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(prefix, 0xFFFFFFFF);
        BinaryPrimitives.WriteInt32LittleEndian(prefix[4..], message.Header.Length);
        _output.Write(prefix);
        _output.Write(message.Header);
        _output.Write(message.Body.Span);
    }

    public void WriteEnd()
    {
        Span<byte> end = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0xFFFFFFFF);
        _output.Write(end);
    }
}
