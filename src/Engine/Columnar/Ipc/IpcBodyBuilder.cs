using System.Buffers;
using System.Buffers.Binary;

namespace QueryEngine.Engine.Columnar.Ipc;

/// <summary>
/// Collects one record batch's field nodes (pre-order over the schema tree), buffer descriptors and body bytes,
/// each buffer padded to a multiple of 8 bytes. With a <see cref="Compression"/>, every non-empty buffer is
/// compressed on its own and stored behind its uncompressed length.
/// </summary>
public sealed class IpcBodyBuilder(IpcCompression compression = IpcCompression.None)
{
    private readonly ArrayBufferWriter<byte> _body = new(1024);
    private readonly List<(long Length, long NullCount)> _nodes = [];
    private readonly List<(long Offset, long Length)> _buffers = [];

    public int NodeCount => _nodes.Count;

    public IpcCompression Compression => compression;

    public ReadOnlyMemory<byte> Body => _body.WrittenMemory;

    public void AddNode(long length, long nullCount) => _nodes.Add((length, nullCount));

    /// <summary>A buffer of zero length (an omitted validity bitmap).</summary>
    public void AddEmptyBuffer() => _buffers.Add((_body.WrittenCount, 0));

    public void AddBuffer(ReadOnlySpan<byte> bytes)
    {
        if (compression != IpcCompression.None && bytes.Length > 0)
        {
            AddCompressedBuffer(bytes);
            return;
        }
        var offset = _body.WrittenCount;
        var padded = (bytes.Length + 7) & ~7;
        var span = _body.GetSpan(Math.Max(padded, 1))[..padded];
        bytes.CopyTo(span);
        span[bytes.Length..].Clear();
        _body.Advance(padded);
        _buffers.Add((offset, bytes.Length));
    }

    private void AddCompressedBuffer(ReadOnlySpan<byte> bytes)
    {
        var (prefix, compressed) = IpcBufferCompression.Compress(compression, bytes);
        var payload = compressed is null ? bytes : compressed;
        var offset = _body.WrittenCount;
        var length = IpcBufferCompression.PrefixLength + payload.Length;
        var padded = (length + 7) & ~7;
        var span = _body.GetSpan(padded)[..padded];
        IpcBufferCompression.WritePrefix(span, prefix);
        payload.CopyTo(span[IpcBufferCompression.PrefixLength..]);
        span[length..].Clear();
        _body.Advance(padded);
        _buffers.Add((offset, length));
    }

    /// <summary>The FieldNode structs (length, null_count), 16 bytes each.</summary>
    internal byte[] NodeBytes()
    {
        var bytes = new byte[_nodes.Count * 16];
        for (var i = 0; i < _nodes.Count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 16), _nodes[i].Length);
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan((i * 16) + 8), _nodes[i].NullCount);
        }
        return bytes;
    }

    /// <summary>The Buffer structs (offset, length), 16 bytes each.</summary>
    internal byte[] BufferBytes(out int count)
    {
        count = _buffers.Count;
        var bytes = new byte[_buffers.Count * 16];
        for (var i = 0; i < _buffers.Count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 16), _buffers[i].Offset);
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan((i * 16) + 8), _buffers[i].Length);
        }
        return bytes;
    }
}
