using System.Buffers.Binary;
using System.Text;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Columnar.Ipc.FlatBuffers;

/// <summary>
/// Reads one table of a FlatBuffer: fields by slot through its vtable, every access bounds-checked so that a
/// malformed buffer ends in a <see cref="ProtocolException"/>, never an out-of-range read.
/// </summary>
internal readonly struct FbTableReader
{
    private readonly ReadOnlyMemory<byte> _buffer;
    private readonly int _table;
    private readonly int _vtable;
    private readonly int _vtableSize;

    private FbTableReader(ReadOnlyMemory<byte> buffer, int table)
    {
        _buffer = buffer;
        _table = table;
        var span = buffer.Span;
        Check(span, table, 4);
        var vtable = (long)table - BinaryPrimitives.ReadInt32LittleEndian(span[table..]);
        if (vtable < 0 || vtable > span.Length - 4) throw Corrupt($"vtable of the table at {table} is outside the buffer");
        _vtable = (int)vtable;
        _vtableSize = BinaryPrimitives.ReadUInt16LittleEndian(span[_vtable..]);
        if (_vtableSize < 4 || _vtable + _vtableSize > span.Length) throw Corrupt($"bad vtable at {_vtable}");
    }

    /// <summary>The root table of a FlatBuffer.</summary>
    public static FbTableReader Root(ReadOnlyMemory<byte> buffer)
    {
        Check(buffer.Span, 0, 4);
        return new FbTableReader(buffer, Follow(buffer.Span, 0));
    }

    public byte Byte(int slot, byte fallback = 0) => Field(slot, 1) is var at and >= 0 ? _buffer.Span[at] : fallback;

    public bool Bool(int slot, bool fallback = false) => Field(slot, 1) is var at and >= 0 ? _buffer.Span[at] != 0 : fallback;

    public short Short(int slot, short fallback = 0) =>
        Field(slot, 2) is var at and >= 0 ? BinaryPrimitives.ReadInt16LittleEndian(_buffer.Span[at..]) : fallback;

    public int Int(int slot, int fallback = 0) =>
        Field(slot, 4) is var at and >= 0 ? BinaryPrimitives.ReadInt32LittleEndian(_buffer.Span[at..]) : fallback;

    public long Long(int slot, long fallback = 0) =>
        Field(slot, 8) is var at and >= 0 ? BinaryPrimitives.ReadInt64LittleEndian(_buffer.Span[at..]) : fallback;

    public FbTableReader? Table(int slot) => Field(slot, 4) is var at and >= 0 ? new FbTableReader(_buffer, Follow(_buffer.Span, at)) : null;

    public string? String(int slot)
    {
        var at = Field(slot, 4);
        if (at < 0) return null;
        var start = Follow(_buffer.Span, at);
        var length = Length(start, 1);
        return Encoding.UTF8.GetString(_buffer.Span.Slice(start + 4, length));
    }

    /// <summary>Number of elements of a vector field (0 when absent).</summary>
    public int VectorLength(int slot) => Field(slot, 4) is var at and >= 0 ? Length(Follow(_buffer.Span, at), 1) : 0;

    /// <summary>Element <paramref name="index"/> of a vector of tables.</summary>
    public FbTableReader TableAt(int slot, int index)
    {
        var start = Follow(_buffer.Span, Field(slot, 4));
        var count = Length(start, 4);
        if ((uint)index >= (uint)count) throw Corrupt($"vector index {index} out of {count}");
        return new FbTableReader(_buffer, Follow(_buffer.Span, start + 4 + (4 * index)));
    }

    /// <summary>The raw bytes of a vector of inline elements of <paramref name="elementSize"/> bytes.</summary>
    public ReadOnlySpan<byte> InlineVector(int slot, int elementSize)
    {
        var at = Field(slot, 4);
        if (at < 0) return [];
        var start = Follow(_buffer.Span, at);
        var count = Length(start, elementSize);
        return _buffer.Span.Slice(start + 4, count * elementSize);
    }

    /// <summary>Absolute position of a present field, or -1.</summary>
    private int Field(int slot, int size)
    {
        var entry = 4 + (2 * slot);
        if (entry + 2 > _vtableSize) return -1;
        var offset = BinaryPrimitives.ReadUInt16LittleEndian(_buffer.Span[(_vtable + entry)..]);
        if (offset == 0) return -1;
        var at = _table + offset;
        Check(_buffer.Span, at, size);
        return at;
    }

    /// <summary>Element count of the vector or string at <paramref name="start"/>, checked against the buffer.</summary>
    private int Length(int start, int elementSize)
    {
        var span = _buffer.Span;
        Check(span, start, 4);
        var count = BinaryPrimitives.ReadUInt32LittleEndian(span[start..]);
        if (count > (uint)(span.Length - start - 4) / (uint)elementSize) throw Corrupt($"vector at {start} runs past the buffer");
        return (int)count;
    }

    private static int Follow(ReadOnlySpan<byte> span, int at)
    {
        Check(span, at, 4);
        var target = (long)at + BinaryPrimitives.ReadUInt32LittleEndian(span[at..]);
        if (target > span.Length - 4) throw Corrupt($"offset at {at} points outside the buffer");
        return (int)target;
    }

    private static void Check(ReadOnlySpan<byte> span, int at, int size)
    {
        if (at < 0 || at > span.Length - size) throw Corrupt($"{size} bytes at {at} are outside the {span.Length}-byte buffer");
    }

    private static ProtocolException Corrupt(string detail) => new("malformed Arrow IPC metadata: " + detail);
}
