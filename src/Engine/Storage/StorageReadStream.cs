namespace QueryEngine.Engine.Storage;

/// <summary>A read-only stream that turns I/O failures of the inner stream into <see cref="Common.StorageException"/>s naming the location.</summary>
internal sealed class StorageReadStream(Stream inner, string location) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return inner.Read(buffer);
        }
        catch (Exception ex) when (LocalObjectStore.IsStorageError(ex))
        {
            throw LocalObjectStore.Wrap(location, "cannot read", ex);
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("StorageReadStream does not support SetLength");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("StorageReadStream does not support Write");

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
