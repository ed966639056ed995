using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Storage.S3;

/// <summary>
/// <see cref="IObjectStore"/> over S3 and S3-compatible stores (AWSSDK.S3). Keys play the role of paths: listing a
/// location lists the keys under it as a folder prefix (or the one key it names), ranged reads are ranged GETs, and
/// writes become visible whole when their stream is disposed (one PUT, or a multipart upload that is aborted on
/// failure). Every failure is a <see cref="StorageException"/> naming the location. Thread-safe.
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    private readonly S3Clients _clients;
    private long _requests;

    public S3ObjectStore(S3Settings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _clients = new S3Clients(settings);
    }

    public S3Settings Settings { get; }

    /// <summary>Requests sent to S3 so far (list, head, get, put, multipart steps, delete).</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    public IReadOnlyList<ObjectInfo> List(string prefixOrDirectory, bool recursive)
    {
        var location = S3Location.Parse(prefixOrDirectory);
        var listed = ListFolder(location, prefixOrDirectory, recursive);
        // Table locations are folders, so the folder listing comes first; only an empty one asks whether the
        // location names a single object.
        if (listed.Count == 0 && location.Key.Length > 0 && !location.Key.EndsWith('/') && Stat(prefixOrDirectory) is { } single)
        {
            return [single with { RelativePath = single.Name }];
        }
        return listed;
    }

    private List<ObjectInfo> ListFolder(S3Location location, string prefixOrDirectory, bool recursive)
    {
        var prefix = location.FolderPrefix;
        var result = new List<ObjectInfo>();
        var request = new ListObjectsV2Request
        {
            BucketName = location.Bucket,
            Prefix = prefix,
            Delimiter = recursive ? null : "/",
            MaxKeys = Settings.ListPageSize,
        };
        while (true)
        {
            var response = Call(prefixOrDirectory, location.Bucket, "cannot list", c => c.ListObjectsV2Async(request));
            foreach (var entry in response.S3Objects ?? [])
            {
                if (entry.Key.Length == prefix.Length) continue; // a "folder marker" object
                result.Add(new ObjectInfo(location.WithKey(entry.Key), entry.Key[prefix.Length..], entry.Size ?? 0, ToOffset(entry.LastModified)) { ETag = entry.ETag });
            }
            if (response.IsTruncated != true || string.IsNullOrEmpty(response.NextContinuationToken)) break;
            request.ContinuationToken = response.NextContinuationToken;
        }
        result.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return result;
    }

    public ObjectInfo? Stat(string path)
    {
        var location = S3Location.Parse(path);
        if (location.Key.Length == 0 || location.Key.EndsWith('/')) return null;
        try
        {
            var response = Call(path, location.Bucket, "cannot stat", c => c.GetObjectMetadataAsync(location.Bucket, location.Key), rethrowNotFound: true);
            var name = location.Key[(location.Key.LastIndexOf('/') + 1)..];
            return new ObjectInfo(path, name, response.ContentLength, ToOffset(response.LastModified)) { ETag = response.ETag };
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound && ex.ErrorCode != "NoSuchBucket")
        {
            return null;
        }
        catch (AmazonS3Exception ex)
        {
            throw Wrap(path, "cannot stat", ex);
        }
    }

    public Stream OpenRead(string path) => OpenRead(path, 0);

    public Stream OpenRead(string path, long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var location = S3Location.Parse(path);
        var request = new GetObjectRequest { BucketName = location.Bucket, Key = location.Key };
        if (offset > 0) request.ByteRange = new ByteRange($"bytes={offset}-");
        var response = Call(path, location.Bucket, "cannot open", c => c.GetObjectAsync(request));
        return new StorageReadStream(new S3ResponseStream(response), path);
    }

    public int ReadRange(string path, long offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var location = S3Location.Parse(path);
        var total = 0;
        // The SDK retries failed requests; a body that breaks off mid-transfer is ours to resume: the rest of the
        // range is asked for again, with the same backoff, up to MaxRetries times.
        for (var attempt = 0; total < destination.Length; attempt++)
        {
            var wanted = destination.Length - total;
            try
            {
                if (ReadOnce(path, location, offset + total, destination[total..], ref total) < wanted) break; // the object ends
            }
            catch (MidTransferException) when (attempt < Settings.MaxRetries)
            {
                Thread.Sleep(RetryDelay(attempt));
            }
            catch (MidTransferException ex)
            {
                throw new StorageException($"cannot read {path}: the connection failed mid-transfer {attempt + 1} times: {ex.InnerException!.Message}{EndpointSuffix}", ex.InnerException, StorageFailure.Unavailable);
            }
        }
        return total;
    }

    /// <summary>
    /// One ranged GET into <paramref name="destination"/>, adding what arrives to <paramref name="total"/> as it
    /// arrives (so a retry resumes after it); returns the bytes read, 0 at or past the end of the object.
    /// </summary>
    private int ReadOnce(string path, S3Location location, long offset, Span<byte> destination, ref int total)
    {
        if (destination.IsEmpty) return 0;
        var request = new GetObjectRequest
        {
            BucketName = location.Bucket,
            Key = location.Key,
            ByteRange = new ByteRange(offset, offset + destination.Length - 1),
        };
        GetObjectResponse response;
        try
        {
            response = Call(path, location.Bucket, "cannot read", c => c.GetObjectAsync(request), rethrowRange: true);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            return 0; // at or past the end of the object
        }
        using (response)
        {
            var read = 0;
            try
            {
                while (read < destination.Length)
                {
                    var n = response.ResponseStream.Read(destination[read..]);
                    if (n == 0) break;
                    read += n;
                    total += n;
                }
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                throw new MidTransferException(ex);
            }
            return read;
        }
    }

    /// <summary>Exponential backoff with full jitter: up to 100 ms × 2^attempt, at most 5 s.</summary>
    internal static TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(5000, 100 * Math.Pow(2, attempt)));

    /// <summary>A response body that broke off; carries the I/O error.</summary>
    private sealed class MidTransferException(Exception inner) : Exception("the connection failed mid-transfer", inner);

    public Stream Create(string path)
    {
        var location = S3Location.Parse(path);
        if (location.Key.Length == 0 || location.Key.EndsWith('/')) throw new StorageException($"cannot create {path}: an object needs a key, not a folder");
        return new S3UploadStream(this, location, path);
    }

    public void Delete(string path)
    {
        var location = S3Location.Parse(path);
        if (location.Key.Length == 0 || location.Key.EndsWith('/'))
        {
            foreach (var entry in List(path, recursive: true)) Delete(entry.Path);
            return;
        }
        Call(path, location.Bucket, "cannot delete", c => c.DeleteObjectAsync(location.Bucket, location.Key));
    }

    public void Move(string source, string destination)
    {
        // S3 has no rename: the object is streamed to its new key (S3-compatible stores differ in server-side copy
        // support), then the old key is deleted.
        if (Stat(destination) is not null) throw new StorageException($"cannot move {source} to {destination}: the destination exists");
        using (var input = OpenRead(source))
        using (var output = Create(destination))
        {
            input.CopyTo(output, 1 << 20);
        }
        Delete(source);
    }

    public void Dispose() => _clients.Dispose();

    /// <summary>The region requests for <paramref name="bucket"/> go to (its discovered region, else the configured one).</summary>
    public string RegionOf(string bucket) => _clients.RegionOf(bucket);

    /// <summary>
    /// Runs one S3 request synchronously (the executor is synchronous) on the bucket's client, counting it and
    /// wrapping its errors. When S3 answers that the bucket lives in another region, the request is sent once more
    /// to that region's client, which the bucket keeps from then on.
    /// </summary>
    internal T Call<T>(string location, string bucket, string action, Func<AmazonS3Client, Task<T>> request, bool rethrowNotFound = false, bool rethrowRange = false)
    {
        Interlocked.Increment(ref _requests);
        try
        {
            try
            {
                return request(_clients.For(bucket)).GetAwaiter().GetResult();
            }
            catch (AmazonS3Exception ex) when (_clients.LearnRegion(bucket, ex))
            {
                Interlocked.Increment(ref _requests);
                return request(_clients.For(bucket)).GetAwaiter().GetResult();
            }
        }
        catch (AmazonS3Exception ex) when ((rethrowNotFound && ex.StatusCode == HttpStatusCode.NotFound) || (rethrowRange && ex.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable))
        {
            throw;
        }
        catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TaskCanceledException or TimeoutException)
        {
            throw Wrap(location, action, ex);
        }
    }

    /// <summary>" (endpoint URL)" for a custom endpoint, else empty.</summary>
    private string EndpointSuffix => Settings.Endpoint is { } endpoint ? $" (endpoint {endpoint})" : "";

    private StorageException Wrap(string location, string action, Exception ex)
    {
        var where = EndpointSuffix;
        return ex switch
        {
            AmazonS3Exception { ErrorCode: "NoSuchBucket" } => new StorageException($"{action} {location}: the bucket does not exist{where}", ex, StorageFailure.NotFound),
            AmazonS3Exception { StatusCode: HttpStatusCode.NotFound } => new StorageException($"{action} {location}: no such object{where}", ex, StorageFailure.NotFound),
            AmazonS3Exception { StatusCode: HttpStatusCode.Forbidden } => new StorageException($"{action} {location}: access denied ({ex.Message}){where}", ex, StorageFailure.PermissionDenied),
            AmazonS3Exception { StatusCode: >= HttpStatusCode.InternalServerError } s3 => new StorageException($"{action} {location}: {s3.ErrorCode ?? s3.StatusCode.ToString()}: {s3.Message}{where}", ex, StorageFailure.Unavailable),
            AmazonS3Exception s3 => new StorageException($"{action} {location}: {s3.ErrorCode ?? s3.StatusCode.ToString()}: {s3.Message}{where}", ex),
            // No request carries a cancellation token: a cancelled one ran into the request timeout.
            _ when ex is TaskCanceledException or TimeoutException || Innermost(ex) is TimeoutException => new StorageException($"{action} {location}: the S3 request timed out after {Settings.RequestTimeout.TotalSeconds:0.###} s{where}", ex, StorageFailure.Unavailable),
            _ => new StorageException($"{action} {location}: the S3 endpoint could not be reached: {Innermost(ex).Message}{where}", ex, StorageFailure.Unavailable),
        };
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is { } inner) ex = inner;
        return ex;
    }

    private static DateTimeOffset ToOffset(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t.ToUniversalTime(), DateTimeKind.Utc)) : DateTimeOffset.UnixEpoch;
}
