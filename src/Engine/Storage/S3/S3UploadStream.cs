using System.Buffers;
using System.Security.Cryptography;
using Amazon.S3.Model;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Storage.S3;

/// <summary>
/// Writes one S3 object. Bytes collect in a part-sized buffer: an object that fits in one part is sent with one PUT
/// when the stream is disposed; a larger one becomes a multipart upload whose parts are sent in the background (a
/// few at a time) as they fill, completed on dispose. Any failure aborts the multipart upload, so no incomplete
/// upload or partial object is left behind, and surfaces as a <see cref="StorageException"/>.
/// </summary>
internal sealed class S3UploadStream : Stream
{
    private readonly S3ObjectStore _store;
    private readonly S3Location _location;
    private readonly string _path;
    private readonly int _partSize;
    private readonly SemaphoreSlim _slots;
    private readonly List<Task<PartETag>> _parts = [];
    private byte[] _buffer;
    private int _filled;
    private long _length;
    private string? _uploadId;
    private bool _done;
    private bool _failed;

    public S3UploadStream(S3ObjectStore store, S3Location location, string path)
    {
        _store = store;
        _location = location;
        _path = path;
        _partSize = Math.Max(store.Settings.PartSize, 5 << 20);
        _slots = new SemaphoreSlim(Math.Max(1, store.Settings.UploadConcurrency));
        _buffer = ArrayPool<byte>.Shared.Rent(_partSize);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_done;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException("S3UploadStream does not support setting Position");
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        while (!buffer.IsEmpty)
        {
            var n = Math.Min(buffer.Length, _partSize - _filled);
            buffer[..n].CopyTo(_buffer.AsSpan(_filled));
            _filled += n;
            _length += n;
            buffer = buffer[n..];
            if (_filled == _partSize)
            {
                try
                {
                    SendPart();
                }
                catch
                {
                    // Dispose must not complete (or PUT) what is now an incomplete object: it only aborts.
                    _failed = true;
                    throw;
                }
            }
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("S3UploadStream does not support Read");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("S3UploadStream does not support Seek");

    public override void SetLength(long value) => throw new NotSupportedException("S3UploadStream does not support SetLength");

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_done)
        {
            _done = true;
            try
            {
                if (_failed) Abort();
                else if (_uploadId is null) PutWhole();
                else Complete();
            }
            catch
            {
                Abort();
                throw;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _slots.Dispose();
            }
        }
        base.Dispose(disposing);
    }

    private void PutWhole()
    {
        using var body = new MemoryStream(_buffer, 0, _filled, writable: false);
        var request = new PutObjectRequest
        {
            BucketName = _location.Bucket,
            Key = _location.Key,
            InputStream = body,
            AutoCloseStream = false,
            UseChunkEncoding = false,
            MD5Digest = ContentMd5(_buffer.AsSpan(0, _filled)),
        };
        _store.Call(_path, _location.Bucket, "cannot write", c => c.PutObjectAsync(request));
    }

    private void SendPart()
    {
        ThrowIfAPartFailed();
        if (_uploadId is null)
        {
            var request = new InitiateMultipartUploadRequest { BucketName = _location.Bucket, Key = _location.Key };
            _uploadId = _store.Call(_path, _location.Bucket, "cannot start the upload of", c => c.InitiateMultipartUploadAsync(request)).UploadId;
        }
        var data = _buffer;
        var length = _filled;
        var number = _parts.Count + 1;
        var uploadId = _uploadId;
        _buffer = ArrayPool<byte>.Shared.Rent(_partSize);
        _filled = 0;
        _slots.Wait();
        _parts.Add(Task.Run(() =>
        {
            try
            {
                using var body = new MemoryStream(data, 0, length, writable: false);
                var request = new UploadPartRequest
                {
                    BucketName = _location.Bucket,
                    Key = _location.Key,
                    UploadId = uploadId,
                    PartNumber = number,
                    PartSize = length,
                    InputStream = body,
                    UseChunkEncoding = false,
                    MD5Digest = ContentMd5(data.AsSpan(0, length)),
                };
                var response = _store.Call(_path, _location.Bucket, $"cannot upload part {number} of", c => c.UploadPartAsync(request));
                return new PartETag(number, response.ETag);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(data);
                _slots.Release();
            }
        }));
    }

    private void Complete()
    {
        if (_filled > 0) SendPart();
        var tags = new List<PartETag>(_parts.Count);
        foreach (var part in _parts) tags.Add(part.GetAwaiter().GetResult());
        var request = new CompleteMultipartUploadRequest
        {
            BucketName = _location.Bucket,
            Key = _location.Key,
            UploadId = _uploadId,
            PartETags = tags,
        };
        _store.Call(_path, _location.Bucket, "cannot complete the upload of", c => c.CompleteMultipartUploadAsync(request));
    }

    /// <summary>
    /// The Content-MD5 header of a body: S3 rejects the request (BadDigest) when the bytes it received differ, so a
    /// corrupted transfer never becomes an object or a part.
    /// </summary>
#pragma warning disable CA5351 // MD5 is what the Content-MD5 header is defined with (RFC 1864): an integrity check, not security.
    private static string ContentMd5(ReadOnlySpan<byte> body) => Convert.ToBase64String(MD5.HashData(body));
#pragma warning restore CA5351

    private void ThrowIfAPartFailed()
    {
        foreach (var part in _parts)
        {
            if (part.IsFaulted) part.GetAwaiter().GetResult();
        }
    }

    /// <summary>Best effort: waits for parts in flight, then aborts the multipart upload so S3 keeps none of it.</summary>
    private void Abort()
    {
        if (_uploadId is not { } uploadId) return;
        _uploadId = null; // aborted once
        foreach (var part in _parts)
        {
            try
            {
                part.Wait();
            }
            catch (AggregateException)
            {
                // Already failing; the abort below discards every part.
            }
        }
        var request = new AbortMultipartUploadRequest { BucketName = _location.Bucket, Key = _location.Key, UploadId = uploadId };
        try
        {
            _store.Call(_path, _location.Bucket, "cannot abort the upload of", c => c.AbortMultipartUploadAsync(request));
        }
        catch (StorageException)
        {
            // The original failure is what the caller needs to see; S3 lifecycle rules clean what an abort could not.
        }
    }
}
