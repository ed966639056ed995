using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace QueryEngine.Engine.Thrift;

/// <summary>
/// Writes the Thrift binary protocol (big-endian integers, length-prefixed UTF-8 strings, strict message headers)
/// into a growing in-memory buffer; the transport sends <see cref="Written"/> as one piece (or one frame).
/// </summary>
internal sealed class BinaryProtocolWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    /// <summary>The bytes written since the last <see cref="Clear"/>.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

    public void Clear() => _buffer.ResetWrittenCount();

    public void WriteMessageBegin(ThriftMessageHeader header)
    {
        WriteI32(BinaryProtocolReader.Version1 | (int)header.Type);
        WriteString(header.Name);
        WriteI32(header.SequenceId);
    }

    public void WriteFieldBegin(ThriftType type, short id)
    {
        WriteByte((sbyte)type);
        WriteI16(id);
    }

    public void WriteFieldStop() => WriteByte(0);

    public void WriteListBegin(ThriftType elementType, int count)
    {
        WriteByte((sbyte)elementType);
        WriteI32(count);
    }

    public void WriteMapBegin(ThriftType keyType, ThriftType valueType, int count)
    {
        WriteByte((sbyte)keyType);
        WriteByte((sbyte)valueType);
        WriteI32(count);
    }

    public void WriteBool(bool value) => WriteByte(value ? (sbyte)1 : (sbyte)0);

    public void WriteByte(sbyte value)
    {
        _buffer.GetSpan(1)[0] = unchecked((byte)value);
        _buffer.Advance(1);
    }

    public void WriteI16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer.GetSpan(2), value);
        _buffer.Advance(2);
    }

    public void WriteI32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void WriteI64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void WriteDouble(double value) => WriteI64(BitConverter.DoubleToInt64Bits(value));

    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteI32(length);
        var written = Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
        _buffer.Advance(written);
    }

    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteI32(value.Length);
        value.CopyTo(_buffer.GetSpan(value.Length));
        _buffer.Advance(value.Length);
    }

    /// <summary>Bytes already in the binary protocol (a value serialized once and repeated, e.g. shared columns).</summary>
    public void WriteRaw(ReadOnlySpan<byte> encoded)
    {
        encoded.CopyTo(_buffer.GetSpan(encoded.Length));
        _buffer.Advance(encoded.Length);
    }

    /// <summary>A string field, left out when the value is null (an unset optional field).</summary>
    public void WriteStringField(short id, string? value)
    {
        if (value is null) return;
        WriteFieldBegin(ThriftType.String, id);
        WriteString(value);
    }

    public void WriteI32Field(short id, int value)
    {
        WriteFieldBegin(ThriftType.I32, id);
        WriteI32(value);
    }

    public void WriteBoolField(short id, bool value)
    {
        WriteFieldBegin(ThriftType.Bool, id);
        WriteBool(value);
    }

    /// <summary>A <c>list&lt;string&gt;</c> value (no field header).</summary>
    public void WriteStringList(IReadOnlyCollection<string> values)
    {
        WriteListBegin(ThriftType.String, values.Count);
        foreach (var value in values) WriteString(value);
    }

    /// <summary>A <c>map&lt;string,string&gt;</c> value (no field header), keys in ordinal order.</summary>
    public void WriteStringMap(IReadOnlyDictionary<string, string> values)
    {
        WriteMapBegin(ThriftType.String, ThriftType.String, values.Count);
        if (values.Count == 0) return;
        IEnumerable<KeyValuePair<string, string>> ordered = values.Count == 1 ? values : values.OrderBy(p => p.Key, StringComparer.Ordinal);
        foreach (var (key, value) in ordered)
        {
            WriteString(key);
            WriteString(value);
        }
    }
}
