using System.Buffers.Binary;
using System.Runtime.InteropServices;
using QueryEngine.Engine.Columnar.Ipc.FlatBuffers;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Columnar.Ipc.Reading;

/// <summary>
/// A <c>RecordBatch</c> message (Message.fbs) and its body as engine arrays: field nodes and buffers are consumed
/// in the schema's pre-order, each buffer copied out of the body after checking it lies inside it.
/// </summary>
internal sealed class IpcBatchDecoder
{
    private readonly ReadOnlyMemory<byte> _body;
    private readonly ReadOnlyMemory<byte> _nodes;
    private readonly ReadOnlyMemory<byte> _buffers;
    private readonly IpcCompression _compression;
    private readonly IReadOnlyDictionary<long, ArrowArray> _dictionaries;
    private int _node;
    private int _buffer;

    private IpcBatchDecoder(ReadOnlyMemory<byte> body, byte[] nodes, byte[] buffers, IpcCompression compression, IReadOnlyDictionary<long, ArrowArray> dictionaries)
    {
        _body = body;
        _nodes = nodes;
        _buffers = buffers;
        _compression = compression;
        _dictionaries = dictionaries;
    }

    /// <summary>The columns of a <c>RecordBatch</c> table (also the data of a dictionary batch) and its row count.</summary>
    public static (ArrowArray[] Columns, int Length) DecodeColumns(
        IReadOnlyList<IpcFieldLayout> layouts, FbTableReader batch, ReadOnlyMemory<byte> body, IReadOnlyDictionary<long, ArrowArray> dictionaries)
    {
        var length = batch.Long(0);
        if (length is < 0 or > int.MaxValue) throw new ProtocolException($"Arrow IPC: record batch length {length}");
        var decoder = new IpcBatchDecoder(body, batch.InlineVector(1, 16).ToArray(), batch.InlineVector(2, 16).ToArray(), Compression(batch), dictionaries);
        var columns = new ArrowArray[layouts.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = decoder.Read(layouts[i]);
            if (columns[i].Length != length) throw new ProtocolException($"Arrow IPC: column {i} has {columns[i].Length} rows, the batch {length}");
        }
        return (columns, (int)length);
    }

    /// <summary>The batch's <c>BodyCompression</c>: codec LZ4_FRAME (0) or ZSTD (1), method BUFFER (0) only.</summary>
    private static IpcCompression Compression(FbTableReader batch)
    {
        if (batch.Table(3) is not { } compression) return IpcCompression.None;
        if (compression.Byte(1) != 0) throw new NotSupportedQueryException($"Arrow IPC: body compression method {compression.Byte(1)} is not supported");
        return compression.Byte(0) switch
        {
            0 => IpcCompression.Lz4Frame,
            1 => IpcCompression.Zstd,
            var codec => throw new NotSupportedQueryException($"Arrow IPC: compression codec {codec} is not supported"),
        };
    }

    /// <summary>A dictionary-encoded field: its indices (any integer width) resolved against its dictionary.</summary>
    private ArrowArray ReadDictionaryEncoded(IpcDictionaryIndex index)
    {
        var (length, nullCount) = NextNode();
        var validityBytes = NextBuffer();
        var validity = nullCount > 0 && validityBytes.Length > 0 ? Take(validityBytes, Bitmap.BytesFor(length), "validity bitmap") : null;
        if (!_dictionaries.TryGetValue(index.Id, out var dictionary))
        {
            throw new ProtocolException($"Arrow IPC: a record batch refers to dictionary {index.Id} before any dictionary batch defined it");
        }
        var bytes = NextBuffer();
        var width = index.BitWidth / 8;
        if ((long)length * width > bytes.Length) throw new ProtocolException($"Arrow IPC: an index buffer of {bytes.Length} bytes holds fewer than {length} indices");
        var span = bytes.Span;
        var positions = new int[length];
        for (var i = 0; i < length; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i))
            {
                positions[i] = -1;
                continue;
            }
            var at = span[(i * width)..];
            long value = (index.BitWidth, index.Signed) switch
            {
                (8, true) => (sbyte)at[0],
                (8, false) => at[0],
                (16, true) => BinaryPrimitives.ReadInt16LittleEndian(at),
                (16, false) => BinaryPrimitives.ReadUInt16LittleEndian(at),
                (32, true) => BinaryPrimitives.ReadInt32LittleEndian(at),
                (32, false) => BinaryPrimitives.ReadUInt32LittleEndian(at),
                _ => BinaryPrimitives.ReadInt64LittleEndian(at),
            };
            if ((ulong)value >= (ulong)dictionary.Length)
            {
                throw new ProtocolException($"Arrow IPC: dictionary index {value} outside dictionary {index.Id} of {dictionary.Length} values");
            }
            positions[i] = (int)value;
        }
        return dictionary.Take(positions);
    }

    private ArrowArray Read(IpcFieldLayout layout)
    {
        if (layout.Dictionary is { } index) return ReadDictionaryEncoded(index);
        var (length, nullCount) = NextNode();
        var type = layout.Type;
        if (type.Id == TypeId.Null) return new NullArray(length);
        var validityBytes = NextBuffer();
        byte[]? validity = null;
        if (nullCount > 0 && validityBytes.Length > 0)
        {
            validity = Take(validityBytes, Bitmap.BytesFor(length), "validity bitmap");
        }
        switch (type)
        {
            case ListType list:
                {
                    var offsets = Offsets(NextBuffer(), length);
                    var items = Read(layout.Children[0]);
                    if (offsets[length] > items.Length) throw new ProtocolException("Arrow IPC: list offsets run past the list's values");
                    return new ListArray(list, offsets, items, length, validity);
                }
            case StructType s:
                {
                    var children = new ArrowArray[layout.Children.Count];
                    for (var i = 0; i < children.Length; i++)
                    {
                        children[i] = Read(layout.Children[i]);
                        if (children[i].Length < length) throw new ProtocolException("Arrow IPC: a struct child is shorter than the struct");
                    }
                    return new StructArray(s, children, length, validity);
                }
            case MapType map:
                {
                    var offsets = Offsets(NextBuffer(), length);
                    NextNode(); // the entries struct: never null
                    NextBuffer();
                    var entries = layout.Children[0].Children;
                    var keys = Read(entries[0]);
                    var values = Read(entries[1]);
                    if (keys.Length != values.Length || offsets[length] > keys.Length)
                    {
                        throw new ProtocolException("Arrow IPC: map offsets, keys and values do not agree");
                    }
                    return new MapArray(map, offsets, keys, values, length, validity);
                }
        }
        switch (type.Id)
        {
            case TypeId.Boolean:
                return new BooleanArray(Take(NextBuffer(), Bitmap.BytesFor(length), "boolean values"), length, validity);
            case TypeId.Utf8 or TypeId.Binary:
                {
                    var offsets = Offsets(NextBuffer(), length);
                    var data = NextBuffer();
                    if (offsets[length] > data.Length) throw new ProtocolException("Arrow IPC: string offsets run past their data");
                    return new BinaryArray(type, offsets, data.ToArray(), length, validity);
                }
            case TypeId.Int8: return Primitive<sbyte>(type, length, validity);
            case TypeId.Int16: return Primitive<short>(type, length, validity);
            case TypeId.Int32: return Primitive<int>(type, length, validity);
            case TypeId.Float32: return Primitive<float>(type, length, validity);
            case TypeId.Float64: return Primitive<double>(type, length, validity);
            case TypeId.Decimal128 when type is TimestampType:
                {
                    // timestamp(9): nanoseconds to picoseconds since the epoch.
                    var nanos = Values<long>(NextBuffer(), length);
                    var picos = new Int128[length];
                    for (var i = 0; i < length; i++) picos[i] = (Int128)nanos[i] * layout.Scale;
                    return new PrimitiveArray<Int128>(type, picos, length, validity);
                }
            case TypeId.Decimal128: return Primitive<Int128>(type, length, validity);
            case TypeId.Int64 when type is TimeType:
                {
                    // time64 micro- or nanoseconds to picoseconds of day.
                    var values = Values<long>(NextBuffer(), length);
                    for (var i = 0; i < length; i++) values[i] *= layout.Scale;
                    return new PrimitiveArray<long>(type, values, length, validity);
                }
            case TypeId.Int64 when type is IntervalType && layout.Scale != 1:
                {
                    // durations in seconds, micro- or nanoseconds to the milliseconds of INTERVAL DAY TO SECOND.
                    var values = Values<long>(NextBuffer(), length);
                    if (layout.Scale > 1)
                    {
                        for (var i = 0; i < length; i++) values[i] *= layout.Scale;
                    }
                    else
                    {
                        for (var i = 0; i < length; i++) values[i] /= -layout.Scale;
                    }
                    return new PrimitiveArray<long>(type, values, length, validity);
                }
            case TypeId.Int64: return Primitive<long>(type, length, validity);
            case TypeId.Date32 when layout.Scale == 1: return Primitive<int>(type, length, validity);
            case TypeId.Date32:
                {
                    var millis = Values<long>(NextBuffer(), length);
                    var days = new int[length];
                    for (var i = 0; i < length; i++) days[i] = (int)Math.Floor(millis[i] / 86_400_000.0);
                    return new PrimitiveArray<int>(type, days, length, validity);
                }
            case TypeId.Timestamp:
                {
                    var values = Values<long>(NextBuffer(), length);
                    if (layout.Scale > 1)
                    {
                        for (var i = 0; i < length; i++) values[i] *= layout.Scale;
                    }
                    return new PrimitiveArray<long>(type, values, length, validity);
                }
            default:
                throw new NotSupportedQueryException($"Arrow IPC: reading {type} is not supported");
        }
    }

    private PrimitiveArray<T> Primitive<T>(DataType type, int length, byte[]? validity)
        where T : unmanaged => new(type, Values<T>(NextBuffer(), length), length, validity);

    private static T[] Values<T>(ReadOnlyMemory<byte> bytes, int length)
        where T : unmanaged
    {
        var size = Marshal.SizeOf<T>();
        if ((long)length * size > bytes.Length) throw new ProtocolException($"Arrow IPC: a buffer of {bytes.Length} bytes holds fewer than {length} values");
        return MemoryMarshal.Cast<byte, T>(bytes.Span[..(length * size)]).ToArray();
    }

    private static int[] Offsets(ReadOnlyMemory<byte> bytes, int length)
    {
        var offsets = length == 0 && bytes.Length == 0 ? [0] : Values<int>(bytes, length + 1);
        for (var i = 0; i < length; i++)
        {
            if (offsets[i] < 0 || offsets[i + 1] < offsets[i]) throw new ProtocolException("Arrow IPC: offsets decrease or are negative");
        }
        return offsets;
    }

    private static byte[] Take(ReadOnlyMemory<byte> bytes, int count, string what)
    {
        if (bytes.Length < count) throw new ProtocolException($"Arrow IPC: {what} buffer of {bytes.Length} bytes, {count} needed");
        return bytes[..count].ToArray();
    }

    private (int Length, long NullCount) NextNode()
    {
        if ((_node + 1) * 16 > _nodes.Length) throw new ProtocolException("Arrow IPC: the record batch has fewer field nodes than the schema needs");
        var span = _nodes.Span[(_node++ * 16)..];
        var length = BinaryPrimitives.ReadInt64LittleEndian(span);
        var nulls = BinaryPrimitives.ReadInt64LittleEndian(span[8..]);
        if (length is < 0 or > int.MaxValue || nulls < 0 || nulls > length) throw new ProtocolException($"Arrow IPC: field node length {length}, nulls {nulls}");
        return ((int)length, nulls);
    }

    private ReadOnlyMemory<byte> NextBuffer()
    {
        if ((_buffer + 1) * 16 > _buffers.Length) throw new ProtocolException("Arrow IPC: the record batch has fewer buffers than the schema needs");
        var span = _buffers.Span[(_buffer++ * 16)..];
        var offset = BinaryPrimitives.ReadInt64LittleEndian(span);
        var length = BinaryPrimitives.ReadInt64LittleEndian(span[8..]);
        if (offset < 0 || length < 0 || offset > _body.Length || length > _body.Length - offset)
        {
            throw new ProtocolException($"Arrow IPC: buffer [{offset}, +{length}) lies outside the {_body.Length}-byte body");
        }
        var buffer = _body.Slice((int)offset, (int)length);
        return _compression == IpcCompression.None ? buffer : IpcBufferCompression.Decompress(_compression, buffer);
    }
}
