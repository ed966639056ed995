using System.Buffers.Binary;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Thrift;

/// <summary>
/// Reads the Thrift compact protocol from a span without copying (binary values are slices of the input).
/// Struct readers loop over <see cref="NextField"/> with their own last-field-id local, and call
/// <see cref="Skip"/> for fields they do not know. Every malformed input (truncation, bad varint, bad type,
/// negative size, nesting deeper than <see cref="MaxDepth"/>) is a <see cref="CorruptDataException"/> naming
/// <see cref="Source"/> and the absolute byte offset.
/// </summary>
internal ref struct CompactReader
{
    public const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _data;
    private readonly long _baseOffset;
    private int _pos;
    private int _depth;
    private bool _fieldBool;

    /// <param name="data">The encoded bytes.</param>
    /// <param name="source">The file name used in error messages.</param>
    /// <param name="baseOffset">Offset of <paramref name="data"/>[0] in the file, for error messages.</param>
    public CompactReader(ReadOnlySpan<byte> data, string source, long baseOffset)
    {
        _data = data;
        Source = source;
        _baseOffset = baseOffset;
    }

    public string Source { get; }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _pos;

    /// <summary>Absolute offset of the next byte in the file.</summary>
    public readonly long FileOffset => _baseOffset + _pos;

    public readonly CorruptDataException Error(string message) => new(Source, FileOffset, "invalid Thrift data: " + message);

    /// <summary>Enters a struct (checks the nesting limit). Pair with <see cref="ExitStruct"/>.</summary>
    public void EnterStruct()
    {
        if (++_depth > MaxDepth) throw Error($"structures nested deeper than {MaxDepth}");
    }

    public void ExitStruct() => _depth--;

    /// <summary>
    /// Reads the next field header of the current struct; false at its STOP byte. <paramref name="lastId"/> is the
    /// struct's previous field id (start with 0).
    /// </summary>
    public bool NextField(ref short lastId, out short id, out CompactType type)
    {
        var header = ReadByte();
        if (header == 0)
        {
            id = 0;
            type = CompactType.Stop;
            return false;
        }
        type = (CompactType)(header & 0x0F);
        if (type > CompactType.Struct) throw Error($"unknown field type {(int)type}");
        var delta = header >> 4;
        if (delta == 0)
        {
            var wide = ZigZag32(ReadVarint32());
            if (wide is < short.MinValue or > short.MaxValue) throw Error($"field id {wide} out of range");
            id = (short)wide;
        }
        else
        {
            id = (short)(lastId + delta);
        }
        lastId = id;
        if (type is CompactType.BooleanTrue or CompactType.BooleanFalse) _fieldBool = type == CompactType.BooleanTrue;
        return true;
    }

    /// <summary>The value of a boolean field whose header <see cref="NextField"/> just read.</summary>
    public readonly bool ReadFieldBool() => _fieldBool;

    public byte ReadByte()
    {
        if (_pos >= _data.Length) throw Error("unexpected end of data");
        return _data[_pos++];
    }

    public short ReadI16()
    {
        var v = ZigZag32(ReadVarint32());
        if (v is < short.MinValue or > short.MaxValue) throw Error($"i16 value {v} out of range");
        return (short)v;
    }

    public int ReadI32() => ZigZag32(ReadVarint32());

    public long ReadI64() => ZigZag64(ReadVarint64());

    public double ReadDouble()
    {
        if (_data.Length - _pos < 8) throw Error("unexpected end of data in a double");
        var v = BinaryPrimitives.ReadDoubleLittleEndian(_data.Slice(_pos, 8));
        _pos += 8;
        return v;
    }

    /// <summary>A binary/string value: a slice of the input (valid as long as the input is).</summary>
    public ReadOnlySpan<byte> ReadBinary()
    {
        var start = FileOffset;
        var length = ReadVarint32();
        if (length > _data.Length - _pos) throw new CorruptDataException(Source, start, $"invalid Thrift data: binary length {length} runs past the end of the data");
        var slice = _data.Slice(_pos, (int)length);
        _pos += (int)length;
        return slice;
    }

    public string ReadString()
    {
        var bytes = ReadBinary();
        try
        {
            return System.Text.Encoding.UTF8.GetString(bytes);
        }
        catch (ArgumentException)
        {
            throw Error("string is not valid UTF-8");
        }
    }

    /// <summary>Reads a list/set header: element type and count.</summary>
    public int ReadListHeader(out CompactType elementType)
    {
        var header = ReadByte();
        elementType = (CompactType)(header & 0x0F);
        if (elementType > CompactType.Struct) throw Error($"unknown list element type {(int)elementType}");
        var size = header >> 4;
        if (size == 15)
        {
            var wide = ReadVarint32();
            if (wide > int.MaxValue) throw Error($"list size {wide} out of range");
            size = (int)wide;
        }
        // Every element takes at least one byte: a larger count is certainly corrupt (and would make callers allocate).
        if (size > _data.Length - _pos && elementType != CompactType.Stop) throw Error($"list of {size} elements is longer than the remaining {_data.Length - _pos} bytes");
        return size;
    }

    /// <summary>Reads a map header: count, key and value types.</summary>
    public int ReadMapHeader(out CompactType keyType, out CompactType valueType)
    {
        var size = ReadVarint32();
        if (size > int.MaxValue) throw Error($"map size {size} out of range");
        if (size == 0)
        {
            keyType = valueType = CompactType.Stop;
            return 0;
        }
        var types = ReadByte();
        keyType = (CompactType)(types >> 4);
        valueType = (CompactType)(types & 0x0F);
        if (keyType > CompactType.Struct || valueType > CompactType.Struct) throw Error("unknown map key or value type");
        if (size > _data.Length - _pos) throw Error($"map of {size} entries is longer than the remaining data");
        return (int)size;
    }

    /// <summary>A boolean list element (one byte: 1 true, otherwise false).</summary>
    public bool ReadListBool() => ReadByte() == 1;

    /// <summary>Skips a value of <paramref name="type"/> (a field value or a collection element).</summary>
    public void Skip(CompactType type, bool inCollection = false)
    {
        switch (type)
        {
            case CompactType.BooleanTrue:
            case CompactType.BooleanFalse:
                if (inCollection) ReadByte();
                return;
            case CompactType.Byte:
                ReadByte();
                return;
            case CompactType.I16:
            case CompactType.I32:
                ReadVarint32();
                return;
            case CompactType.I64:
                ReadVarint64();
                return;
            case CompactType.Double:
                ReadDouble();
                return;
            case CompactType.Binary:
                ReadBinary();
                return;
            case CompactType.List:
            case CompactType.Set:
                {
                    EnterStruct();
                    var n = ReadListHeader(out var element);
                    for (var i = 0; i < n; i++) Skip(element, inCollection: true);
                    ExitStruct();
                    return;
                }
            case CompactType.Map:
                {
                    EnterStruct();
                    var n = ReadMapHeader(out var k, out var v);
                    for (var i = 0; i < n; i++)
                    {
                        Skip(k, inCollection: true);
                        Skip(v, inCollection: true);
                    }
                    ExitStruct();
                    return;
                }
            case CompactType.Struct:
                {
                    EnterStruct();
                    short last = 0;
                    while (NextField(ref last, out _, out var fieldType)) Skip(fieldType);
                    ExitStruct();
                    return;
                }
            default:
                throw Error($"cannot skip a value of type {(int)type}");
        }
    }

    public uint ReadVarint32()
    {
        uint result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = ReadByte();
            if (shift == 28 && (b & 0xF0) != 0) throw Error("varint does not fit 32 bits");
            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw Error("varint longer than 5 bytes");
    }

    public ulong ReadVarint64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            if (shift == 63 && (b & 0xFE) != 0) throw Error("varint does not fit 64 bits");
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw Error("varint longer than 10 bytes");
    }

    private static int ZigZag32(uint n) => (int)(n >> 1) ^ -(int)(n & 1);

    private static long ZigZag64(ulong n) => (long)(n >> 1) ^ -(long)(n & 1);
}
