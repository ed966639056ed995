namespace QueryEngine.Engine.Writing;

/// <summary>A write-only pass-through that counts the bytes written; does not own the inner stream.</summary>
internal sealed class CountingWriteStream(Stream inner) : Stream
{
    public long BytesWritten { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => BytesWritten;

    public override long Position
    {
        get => BytesWritten;
        set => throw new NotSupportedException("CountingWriteStream does not support setting Position");
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        inner.Write(buffer);
        BytesWritten += buffer.Length;
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("CountingWriteStream does not support Read");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("CountingWriteStream does not support Seek");

    public override void SetLength(long value) => throw new NotSupportedException("CountingWriteStream does not support SetLength");
}
