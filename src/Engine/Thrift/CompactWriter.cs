using System.Buffers.Binary;
using System.Text;

namespace QueryEngine.Engine.Thrift;

/// <summary>
/// Writes the Thrift compact protocol into a growable buffer. Structs are written with
/// <see cref="BeginStruct"/>, field writes (<c>WriteXxxField</c>) and <see cref="EndStruct"/>; field ids must
/// increase within a struct's header deltas or are written in the long form.
/// </summary>
internal sealed class CompactWriter
{
    private byte[] _buffer = new byte[256];
    private int _length;
    private readonly Stack<short> _lastIds = new();
    private short _lastId;

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public void Reset()
    {
        _length = 0;
        _lastIds.Clear();
        _lastId = 0;
    }

    public void BeginStruct()
    {
        _lastIds.Push(_lastId);
        _lastId = 0;
    }

    public void EndStruct()
    {
        WriteByte(0);
        _lastId = _lastIds.Pop();
    }

    public void WriteFieldHeader(short id, CompactType type)
    {
        var delta = id - _lastId;
        if (delta is > 0 and <= 15)
        {
            WriteByte((byte)((delta << 4) | (int)type));
        }
        else
        {
            WriteByte((byte)type);
            WriteVarint(ZigZag(id));
        }
        _lastId = id;
    }

    public void WriteBoolField(short id, bool value) => WriteFieldHeader(id, value ? CompactType.BooleanTrue : CompactType.BooleanFalse);

    public void WriteI32Field(short id, int value)
    {
        WriteFieldHeader(id, CompactType.I32);
        WriteVarint(ZigZag(value));
    }

    public void WriteI64Field(short id, long value)
    {
        WriteFieldHeader(id, CompactType.I64);
        WriteVarint(ZigZag(value));
    }

    public void WriteBinaryField(short id, ReadOnlySpan<byte> value)
    {
        WriteFieldHeader(id, CompactType.Binary);
        WriteBinary(value);
    }

    public void WriteStringField(short id, string value) => WriteBinaryField(id, Encoding.UTF8.GetBytes(value));

    /// <summary>Starts a struct-valued field; follow with the fields and <see cref="EndStruct"/>.</summary>
    public void BeginStructField(short id)
    {
        WriteFieldHeader(id, CompactType.Struct);
        BeginStruct();
    }

    /// <summary>Starts a list-valued field of <paramref name="count"/> elements.</summary>
    public void BeginListField(short id, CompactType elementType, int count)
    {
        WriteFieldHeader(id, CompactType.List);
        WriteListHeader(elementType, count);
    }

    public void WriteListHeader(CompactType elementType, int count)
    {
        if (count < 15)
        {
            WriteByte((byte)((count << 4) | (int)elementType));
        }
        else
        {
            WriteByte((byte)(0xF0 | (int)elementType));
            WriteVarint((uint)count);
        }
    }

    public void WriteI32(int value) => WriteVarint(ZigZag(value));

    public void WriteI64(long value) => WriteVarint(ZigZag(value));

    public void WriteDouble(double value)
    {
        Ensure(8);
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteVarint((uint)value.Length);
        Ensure(value.Length);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    public void WriteString(string value) => WriteBinary(Encoding.UTF8.GetBytes(value));

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void WriteVarint(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[_length++] = (byte)value;
    }

    private static uint ZigZag(int n) => (uint)((n << 1) ^ (n >> 31));

    private static ulong ZigZag(long n) => (ulong)((n << 1) ^ (n >> 63));

    private void Ensure(int extra)
    {
        if (_length + extra <= _buffer.Length) return;
        var size = Math.Max(_buffer.Length * 2, _length + extra);
        Array.Resize(ref _buffer, size);
    }
}
