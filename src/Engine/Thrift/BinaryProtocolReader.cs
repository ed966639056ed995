using System.Buffers.Binary;
using System.Text;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Thrift;

/// <summary>
/// Reads Thrift binary protocol messages (strict header, version <c>0x80010000</c>) from a stream, one message
/// at a time. Every message is bounded by <see cref="MaxMessageBytes"/>: strings, binaries, list/set/map sizes
/// are checked against what is left of that budget before anything is allocated, and structures may nest at
/// most <see cref="MaxDepth"/> deep. Every malformed input (bad version, a non-strict header, unknown type ids,
/// negative sizes, invalid UTF-8, the stream ending in the middle of a message) is a
/// <see cref="ProtocolException"/>; the caller decides what to do with the connection.
/// Struct readers use <see cref="ReadStruct"/> and return false for fields they do not know, which are skipped.
/// </summary>
internal sealed class BinaryProtocolReader
{
    public const int MaxDepth = 64;

    /// <summary>The high half of a strict message header: the sign bit and version 1.</summary>
    public const int Version1 = unchecked((int)0x80010000);

    private const int VersionMask = unchecked((int)0xFFFF0000);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream _stream;
    private readonly byte[] _scratch = new byte[8];
    private long _remaining;
    private int _depth;

    /// <param name="stream">The transport: a buffered socket stream, or one frame of the framed transport.</param>
    /// <param name="maxMessageBytes">The largest message accepted (header included).</param>
    public BinaryProtocolReader(Stream stream, long maxMessageBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageBytes, 16);
        _stream = stream;
        MaxMessageBytes = maxMessageBytes;
        _remaining = maxMessageBytes;
    }

    public long MaxMessageBytes { get; }

    /// <summary>Bytes of the current message read so far.</summary>
    public long MessageBytes => MaxMessageBytes - _remaining;

    /// <summary>
    /// Reads the next message header; false when the stream ends cleanly before its first byte (the peer closed
    /// the connection between calls).
    /// </summary>
    public bool TryReadMessageBegin(out ThriftMessageHeader header)
    {
        _remaining = MaxMessageBytes;
        _depth = 0;
        int first;
        try
        {
            first = _stream.ReadByte();
        }
        catch (IOException ex)
        {
            throw new ProtocolException($"connection failed: {ex.Message}");
        }
        if (first < 0)
        {
            header = default;
            return false;
        }
        Consume(1);
        _scratch[0] = (byte)first;
        Fill(_scratch.AsSpan(1, 3));
        var word = BinaryPrimitives.ReadInt32BigEndian(_scratch);
        if (word >= 0)
        {
            throw new ProtocolException(
                $"expected a strict binary protocol message header (version 0x80010000), found the value {word}: " +
                "is the client using the framed transport, or the old non-strict binary protocol?");
        }
        if ((word & VersionMask) != Version1)
        {
            throw new ProtocolException($"unsupported binary protocol version 0x{(uint)(word & VersionMask):x8} (expected 0x80010000)");
        }
        var type = (ThriftMessageType)(word & 0xFF);
        if (type is < ThriftMessageType.Call or > ThriftMessageType.Oneway)
        {
            throw new ProtocolException($"unknown message type {(int)type}");
        }
        var name = ReadString();
        var sequenceId = ReadI32();
        header = new ThriftMessageHeader(name, type, sequenceId);
        return true;
    }

    /// <summary>
    /// Reads one struct: calls <paramref name="onField"/> with each field's id and type; a field it does not
    /// read (it returns false) is skipped.
    /// </summary>
    public void ReadStruct(Func<short, ThriftType, bool> onField)
    {
        if (++_depth > MaxDepth) throw new ProtocolException($"structures nested deeper than {MaxDepth}");
        while (true)
        {
            var type = ReadType();
            if (type == ThriftType.Stop) break;
            var id = ReadI16();
            if (!onField(id, type)) Skip(type);
        }
        _depth--;
    }

    public bool ReadBool() => ReadByte() != 0;

    public sbyte ReadByte()
    {
        Fill(_scratch.AsSpan(0, 1));
        return unchecked((sbyte)_scratch[0]);
    }

    public short ReadI16()
    {
        Fill(_scratch.AsSpan(0, 2));
        return BinaryPrimitives.ReadInt16BigEndian(_scratch);
    }

    public int ReadI32()
    {
        Fill(_scratch.AsSpan(0, 4));
        return BinaryPrimitives.ReadInt32BigEndian(_scratch);
    }

    public long ReadI64()
    {
        Fill(_scratch.AsSpan(0, 8));
        return BinaryPrimitives.ReadInt64BigEndian(_scratch);
    }

    public double ReadDouble() => BitConverter.Int64BitsToDouble(ReadI64());

    public byte[] ReadBinary()
    {
        var length = ReadI32();
        if (length < 0) throw new ProtocolException($"negative binary length {length}");
        CheckBudget(length);
        var bytes = length == 0 ? [] : new byte[length];
        Fill(bytes);
        return bytes;
    }

    public string ReadString()
    {
        var bytes = ReadBinary();
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ProtocolException("a string is not valid UTF-8");
        }
    }

    /// <summary>Reads a list (or set) header: the element type and the element count.</summary>
    public int ReadListBegin(out ThriftType elementType)
    {
        elementType = ReadElementType();
        var count = ReadI32();
        if (count < 0) throw new ProtocolException($"negative collection size {count}");
        // Every element takes at least one byte, so a count beyond the budget can never be honest.
        CheckBudget(count);
        return count;
    }

    /// <summary>Reads a map header: key type, value type and the entry count.</summary>
    public int ReadMapBegin(out ThriftType keyType, out ThriftType valueType)
    {
        keyType = ReadElementType();
        valueType = ReadElementType();
        var count = ReadI32();
        if (count < 0) throw new ProtocolException($"negative map size {count}");
        CheckBudget(2L * count);
        return count;
    }

    /// <summary>A <c>list&lt;string&gt;</c> (or set) value.</summary>
    public List<string> ReadStringList()
    {
        var count = ReadListBegin(out var element);
        Expect(element, ThriftType.String, "list<string>");
        var result = new List<string>(count);
        for (var i = 0; i < count; i++) result.Add(ReadString());
        return result;
    }

    /// <summary>A <c>map&lt;string,string&gt;</c> value; a repeated key keeps its last value.</summary>
    public Dictionary<string, string> ReadStringMap()
    {
        var count = ReadMapBegin(out var key, out var value);
        Expect(key, ThriftType.String, "map<string,string> key");
        Expect(value, ThriftType.String, "map<string,string> value");
        var result = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var k = ReadString();
            result[k] = ReadString();
        }
        return result;
    }

    /// <summary>A list of structs, each read by <paramref name="readElement"/>.</summary>
    public List<T> ReadStructList<T>(Func<BinaryProtocolReader, T> readElement)
    {
        var count = ReadListBegin(out var element);
        Expect(element, ThriftType.Struct, "list<struct>");
        var result = new List<T>(count);
        for (var i = 0; i < count; i++) result.Add(readElement(this));
        return result;
    }

    /// <summary>Reads and discards one value of the given type (unknown fields, arguments of unknown methods).</summary>
    public void Skip(ThriftType type)
    {
        switch (type)
        {
            case ThriftType.Bool or ThriftType.Byte:
                ReadByte();
                break;
            case ThriftType.I16:
                ReadI16();
                break;
            case ThriftType.I32:
                ReadI32();
                break;
            case ThriftType.I64 or ThriftType.Double:
                ReadI64();
                break;
            case ThriftType.String:
                SkipBytes(ReadBinaryLength());
                break;
            case ThriftType.Uuid:
                SkipBytes(16);
                break;
            case ThriftType.Struct:
                ReadStruct(static (_, _) => false);
                break;
            case ThriftType.List or ThriftType.Set:
                {
                    var count = ReadListBegin(out var element);
                    Nested(() =>
                    {
                        for (var i = 0; i < count; i++) Skip(element);
                    });
                    break;
                }
            case ThriftType.Map:
                {
                    var count = ReadMapBegin(out var key, out var value);
                    Nested(() =>
                    {
                        for (var i = 0; i < count; i++)
                        {
                            Skip(key);
                            Skip(value);
                        }
                    });
                    break;
                }
            default:
                throw new ProtocolException($"cannot skip a value of type {(int)type}");
        }
    }

    /// <summary>Checks that a value of type <paramref name="actual"/> is the <paramref name="expected"/> one.</summary>
    public static void Expect(ThriftType actual, ThriftType expected, string what)
    {
        if (actual != expected) throw new ProtocolException($"{what}: expected type {expected}, found {actual}");
    }

    private void Nested(Action body)
    {
        if (++_depth > MaxDepth) throw new ProtocolException($"structures nested deeper than {MaxDepth}");
        body();
        _depth--;
    }

    private int ReadBinaryLength()
    {
        var length = ReadI32();
        if (length < 0) throw new ProtocolException($"negative binary length {length}");
        CheckBudget(length);
        return length;
    }

    private ThriftType ReadType()
    {
        var value = (byte)ReadByte();
        if (value is 1 or 5 or 7 or 9 or > 16) throw new ProtocolException($"unknown field type {value}");
        return (ThriftType)value;
    }

    private ThriftType ReadElementType()
    {
        var type = ReadType();
        if (type == ThriftType.Stop) throw new ProtocolException("collection element type STOP");
        return type;
    }

    private void SkipBytes(int count)
    {
        Span<byte> sink = stackalloc byte[256];
        while (count > 0)
        {
            var n = Math.Min(count, sink.Length);
            Fill(sink[..n]);
            count -= n;
        }
    }

    private void CheckBudget(long bytes)
    {
        if (bytes > _remaining)
        {
            throw new ProtocolException($"message larger than the limit of {MaxMessageBytes} bytes (or a corrupt size of {bytes})");
        }
    }

    private void Consume(int bytes)
    {
        CheckBudget(bytes);
        _remaining -= bytes;
    }

    private void Fill(Span<byte> destination)
    {
        Consume(destination.Length);
        try
        {
            _stream.ReadExactly(destination);
        }
        catch (EndOfStreamException)
        {
            throw new ProtocolException($"the connection ended in the middle of a message (after {MessageBytes - destination.Length} bytes)");
        }
        catch (IOException ex)
        {
            throw new ProtocolException($"connection failed in the middle of a message: {ex.Message}");
        }
    }
}
