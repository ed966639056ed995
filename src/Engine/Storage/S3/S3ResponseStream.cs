using Amazon.S3.Model;

namespace QueryEngine.Engine.Storage.S3;

/// <summary>The body of a GET, disposing the response (and its connection) with the stream.</summary>
internal sealed class S3ResponseStream(GetObjectResponse response) : Stream
{
    private readonly Stream _body = response.ResponseStream;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => response.ContentLength;

    public override long Position
    {
        get => throw new NotSupportedException("S3ResponseStream does not support getting Position");
        set => throw new NotSupportedException("S3ResponseStream does not support setting Position");
    }

    public override int Read(byte[] buffer, int offset, int count) => _body.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => _body.Read(buffer);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _body.ReadAsync(buffer, cancellationToken);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("S3ResponseStream does not support Seek");

    public override void SetLength(long value) => throw new NotSupportedException("S3ResponseStream does not support SetLength");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("S3ResponseStream does not support Write");

    protected override void Dispose(bool disposing)
    {
        if (disposing) response.Dispose();
        base.Dispose(disposing);
    }
}
