namespace QueryEngine.Engine.Compression;

/// <summary>
/// The shared shape of our forward-only decompression streams: readable, not seekable, not writable; every
/// unsupported member says which stream refuses which operation. Subclasses implement <see cref="Read(Span{byte})"/>.
/// </summary>
internal abstract class ReadOnlyDecompressionStream : Stream
{
    public sealed override bool CanRead => true;

    public sealed override bool CanSeek => false;

    public sealed override bool CanWrite => false;

    public sealed override long Length => throw Unsupported("Length");

    public sealed override long Position
    {
        get => throw Unsupported("getting Position");
        set => throw Unsupported("setting Position");
    }

    public abstract override int Read(Span<byte> buffer);

    public sealed override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public sealed override void Flush()
    {
    }

    public sealed override long Seek(long offset, SeekOrigin origin) => throw Unsupported("Seek");

    public sealed override void SetLength(long value) => throw Unsupported("SetLength");

    public sealed override void Write(byte[] buffer, int offset, int count) => throw Unsupported("Write");

    private NotSupportedException Unsupported(string operation) => new($"{GetType().Name} does not support {operation}");
}
