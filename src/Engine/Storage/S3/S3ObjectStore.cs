using System.Net;
using Amazon;
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
    private readonly AmazonS3Client _client;
    private long _requests;

    public S3ObjectStore(S3Settings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        var config = new AmazonS3Config
        {
            ForcePathStyle = settings.PathStyle,
            MaxErrorRetry = settings.MaxRetries,
            Timeout = settings.RequestTimeout,
            // Plain (not aws-chunked) request bodies: S3-compatible stores do not all decode chunked uploads.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (settings.HttpClientFactory is { } factory) config.HttpClientFactory = factory;
        if (settings.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = settings.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }
        _client = (settings.AccessKey, settings.SecretKey, settings.SessionToken) switch
        {
            ({ } key, { } secret, { } token) => new AmazonS3Client(new SessionAWSCredentials(key, secret, token), config),
            ({ } key, { } secret, null) => new AmazonS3Client(new BasicAWSCredentials(key, secret), config),
            _ => new AmazonS3Client(config),
        };
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
            var response = Call(prefixOrDirectory, "cannot list", () => _client.ListObjectsV2Async(request));
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
            var response = Call(path, "cannot stat", () => _client.GetObjectMetadataAsync(location.Bucket, location.Key), rethrowNotFound: true);
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
        var response = Call(path, "cannot open", () => _client.GetObjectAsync(request));
        return new StorageReadStream(new S3ResponseStream(response), path);
    }

    public int ReadRange(string path, long offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (destination.IsEmpty) return 0;
        var location = S3Location.Parse(path);
        var request = new GetObjectRequest
        {
            BucketName = location.Bucket,
            Key = location.Key,
            ByteRange = new ByteRange(offset, offset + destination.Length - 1),
        };
        GetObjectResponse response;
        try
        {
            response = Call(path, "cannot read", () => _client.GetObjectAsync(request), rethrowRange: true);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            return 0; // at or past the end of the object
        }
        using (response)
        {
            var total = 0;
            try
            {
                while (total < destination.Length)
                {
                    var n = response.ResponseStream.Read(destination[total..]);
                    if (n == 0) break;
                    total += n;
                }
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                throw new StorageException($"cannot read {path}: the connection failed mid-transfer: {ex.Message}", ex);
            }
            return total;
        }
    }

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
        Call(path, "cannot delete", () => _client.DeleteObjectAsync(location.Bucket, location.Key));
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

    public void Dispose() => _client.Dispose();

    internal AmazonS3Client Client => _client;

    /// <summary>Runs one S3 request synchronously (the executor is synchronous), counting it and wrapping its errors.</summary>
    internal T Call<T>(string location, string action, Func<Task<T>> request, bool rethrowNotFound = false, bool rethrowRange = false)
    {
        Interlocked.Increment(ref _requests);
        try
        {
            return request().GetAwaiter().GetResult();
        }
        catch (AmazonS3Exception ex) when ((rethrowNotFound && ex.StatusCode == HttpStatusCode.NotFound) || (rethrowRange && ex.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable))
        {
            throw;
        }
        catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TaskCanceledException)
        {
            throw Wrap(location, action, ex);
        }
    }

    private StorageException Wrap(string location, string action, Exception ex)
    {
        var where = Settings.Endpoint is { } endpoint ? $" (endpoint {endpoint})" : "";
        return ex switch
        {
            AmazonS3Exception { ErrorCode: "NoSuchBucket" } => new StorageException($"{action} {location}: the bucket does not exist{where}", ex),
            AmazonS3Exception { StatusCode: HttpStatusCode.NotFound } => new StorageException($"{action} {location}: no such object{where}", ex),
            AmazonS3Exception { StatusCode: HttpStatusCode.Forbidden } => new StorageException($"{action} {location}: access denied ({ex.Message}){where}", ex),
            AmazonS3Exception s3 => new StorageException($"{action} {location}: {s3.ErrorCode ?? s3.StatusCode.ToString()}: {s3.Message}{where}", ex),
            _ => new StorageException($"{action} {location}: the S3 endpoint could not be reached: {Innermost(ex).Message}{where}", ex),
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
