using System.Buffers.Binary;
using System.Text;

namespace QueryEngine.Engine.Columnar.Ipc.FlatBuffers;

/// <summary>
/// Lays out a tree of <see cref="FbObject"/>s as a FlatBuffer, front to back: the root offset, then each table
/// preceded by its vtable, then the objects it refers to (so every uoffset points forward, as the format requires).
/// Scalars sit at their natural alignment relative to the buffer start; the buffer is meant to be placed at an
/// 8-byte boundary.
/// </summary>
internal sealed class FbSerializer
{
    private byte[] _buffer = new byte[256];
    private int _position;

    public static byte[] Serialize(FbTable root)
    {
        var serializer = new FbSerializer();
        serializer.Reserve(4);
        var rootPosition = serializer.Write(root);
        BinaryPrimitives.WriteUInt32LittleEndian(serializer._buffer, (uint)rootPosition);
        serializer.Align(8);
        return serializer._buffer.AsSpan(0, serializer._position).ToArray();
    }

    private int Write(FbObject value) => value switch
    {
        FbTable table => WriteTable(table),
        FbString text => WriteString(text.Value),
        FbTableVector vector => WriteTableVector(vector),
        FbStructVector vector => WriteStructVector(vector),
        _ => throw new InvalidOperationException("unknown FlatBuffers object " + value.GetType().Name),
    };

    private int WriteTable(FbTable table)
    {
        var fields = table.Fields;
        var slotCount = 0;
        foreach (var f in fields) slotCount = Math.Max(slotCount, f.Slot + 1);

        // Inline layout: the soffset to the vtable, then fields by decreasing size, each at its natural alignment.
        var order = new int[fields.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) => fields[b].Size != fields[a].Size ? fields[b].Size.CompareTo(fields[a].Size) : a.CompareTo(b));
        var fieldOffsets = new int[fields.Count];
        var inlineSize = 4;
        foreach (var i in order)
        {
            var size = fields[i].Size;
            inlineSize = (inlineSize + size - 1) / size * size;
            fieldOffsets[i] = inlineSize;
            inlineSize += size;
        }
        inlineSize = (inlineSize + 3) & ~3;

        Align(2);
        var vtable = _position;
        var vtableSize = 4 + (2 * slotCount);
        var span = Reserve(vtableSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)vtableSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], (ushort)inlineSize);
        for (var i = 0; i < fields.Count; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[(4 + (2 * fields[i].Slot))..], (ushort)fieldOffsets[i]);
        }

        Align(8);
        var start = _position;
        Reserve(inlineSize);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(start), start - vtable);
        for (var i = 0; i < fields.Count; i++)
        {
            var f = fields[i];
            if (f.Target is not null) continue;
            var at = _buffer.AsSpan(start + fieldOffsets[i]);
            switch (f.Size)
            {
                case 1: at[0] = (byte)f.Value; break;
                case 2: BinaryPrimitives.WriteInt16LittleEndian(at, (short)f.Value); break;
                case 4: BinaryPrimitives.WriteInt32LittleEndian(at, (int)f.Value); break;
                default: BinaryPrimitives.WriteInt64LittleEndian(at, f.Value); break;
            }
        }
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Target is not { } target) continue;
            var child = Write(target);
            var at = start + fieldOffsets[i];
            BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(at), (uint)(child - at));
        }
        return start;
    }

    private int WriteString(string value)
    {
        Align(4);
        var start = _position;
        var length = Encoding.UTF8.GetByteCount(value);
        var span = Reserve(4 + length + 1);
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)length);
        Encoding.UTF8.GetBytes(value, span[4..]);
        span[4 + length] = 0;
        return start;
    }

    private int WriteTableVector(FbTableVector vector)
    {
        Align(4);
        var start = _position;
        Reserve(4 + (4 * vector.Items.Count));
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(start), (uint)vector.Items.Count);
        for (var i = 0; i < vector.Items.Count; i++)
        {
            var child = Write(vector.Items[i]);
            var at = start + 4 + (4 * i);
            BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(at), (uint)(child - at));
        }
        return start;
    }

    private int WriteStructVector(FbStructVector vector)
    {
        Align(4);
        while ((_position + 4) % vector.Alignment != 0) Reserve(4);
        var start = _position;
        var span = Reserve(4 + vector.Data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)vector.Count);
        vector.Data.CopyTo(span[4..]);
        return start;
    }

    private void Align(int alignment)
    {
        var padding = (alignment - (_position % alignment)) % alignment;
        if (padding > 0) Reserve(padding);
    }

    /// <summary>Appends <paramref name="count"/> zero bytes and returns them.</summary>
    private Span<byte> Reserve(int count)
    {
        if (_position + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _position + count));
        }
        var span = _buffer.AsSpan(_position, count);
        span.Clear();
        _position += count;
        return span;
    }
}
