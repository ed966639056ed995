using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.S3;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Storage.S3;

/// <summary>
/// The S3 clients of one store: one per region, made on first use, and the region of each bucket met so far.
/// On AWS (no custom endpoint) a bucket starts on the client of the configured region; when S3 answers that the
/// bucket lives elsewhere (301 PermanentRedirect, or a 400 whose error names the right region) the bucket is moved
/// to that region's client for the rest of the store's life. A custom endpoint has one client for every bucket.
/// Thread-safe; nothing is shared between stores.
/// </summary>
internal sealed partial class S3Clients : IDisposable
{
    private readonly S3Settings _settings;
    private readonly AWSCredentials? _credentials;
    private readonly ConcurrentDictionary<string, Lazy<AmazonS3Client>> _byRegion = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _bucketRegions = new(StringComparer.Ordinal);

    public S3Clients(S3Settings settings)
    {
        _settings = settings;
        _credentials = Credentials(settings);
        Default = ForRegion(settings.Region);
    }

    /// <summary>The client of the configured region (and of the custom endpoint, when there is one).</summary>
    public AmazonS3Client Default { get; }

    /// <summary>Whether buckets may live in other regions than the configured one (AWS itself, not a custom endpoint).</summary>
    public bool FollowsRegions => _settings.Endpoint is null;

    /// <summary>The client for a bucket: its discovered region's, else the default.</summary>
    public AmazonS3Client For(string bucket) =>
        FollowsRegions && _bucketRegions.TryGetValue(bucket, out var region) ? ForRegion(region) : Default;

    /// <summary>The region a bucket's requests go to.</summary>
    public string RegionOf(string bucket) => _bucketRegions.TryGetValue(bucket, out var region) ? region : _settings.Region;

    /// <summary>
    /// When <paramref name="error"/> says the bucket lives in another region than its requests went to, records that
    /// region for the bucket and returns true (the caller sends the request again); otherwise false.
    /// </summary>
    public bool LearnRegion(string bucket, AmazonS3Exception error)
    {
        if (!FollowsRegions || !IsWrongRegion(error)) return false;
        var region = RegionNamedBy(error) ?? AskRegion(bucket);
        if (region is null || string.Equals(region, RegionOf(bucket), StringComparison.Ordinal)) return false;
        _bucketRegions[bucket] = region;
        return true;
    }

    /// <summary>A 301 redirect or a 400 that signals a request signed or sent for the wrong region.</summary>
    internal static bool IsWrongRegion(AmazonS3Exception error) =>
        error.StatusCode == HttpStatusCode.MovedPermanently
        || error.ErrorCode is "PermanentRedirect" or "AuthorizationHeaderMalformed" or "IllegalLocationConstraintException";

    /// <summary>
    /// The region an S3 error names: its <c>x-amz-bucket-region</c> response header (S3 sends it with redirects,
    /// HEAD ones too), else a <c>&lt;Region&gt;</c> element of its body; null when it names none.
    /// </summary>
    internal static string? RegionNamedBy(AmazonS3Exception error)
    {
        if (error.InnerException is Amazon.Runtime.Internal.HttpErrorResponseException { Response: { } response }
            && response.IsHeaderPresent(BucketRegionHeader) && NonEmpty(response.GetHeaderValue(BucketRegionHeader)) is { } header)
        {
            return header;
        }
        return error.ResponseBody is { } body && RegionElement().Match(body) is { Success: true } match ? match.Groups[1].Value : null;
    }

    private const string BucketRegionHeader = "x-amz-bucket-region";

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// The region HeadBucket reports (its <c>x-amz-bucket-region</c> header, on success or redirect), for errors
    /// that name none; null when it cannot tell.
    /// </summary>
    private string? AskRegion(string bucket)
    {
        try
        {
            var response = Default.HeadBucketAsync(new Amazon.S3.Model.HeadBucketRequest { BucketName = bucket }).GetAwaiter().GetResult();
            return NonEmpty(response.BucketRegion);
        }
        catch (AmazonS3Exception ex)
        {
            return RegionNamedBy(ex);
        }
    }

    [GeneratedRegex("<Region>([a-z0-9-]+)</Region>", RegexOptions.CultureInvariant)]
    private static partial Regex RegionElement();

    private AmazonS3Client ForRegion(string region) =>
        _byRegion.GetOrAdd(region, r => new Lazy<AmazonS3Client>(() => Create(r), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private AmazonS3Client Create(string region)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = _settings.PathStyle,
            MaxErrorRetry = _settings.MaxRetries,
            // Standard mode: exponential backoff with jitter for throttling (503 SlowDown), 5xx and network errors.
            RetryMode = RequestRetryMode.Standard,
            Timeout = _settings.RequestTimeout,
            // Plain (not aws-chunked) request bodies, which every S3-compatible store decodes; the uploads send
            // Content-MD5 instead (see S3UploadStream).
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (_settings.HttpClientFactory is { } factory) config.HttpClientFactory = factory;
        if (_settings.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        return _credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(_credentials, config);
    }

    /// <summary>Explicit keys, else the named profile's, else null (the SDK's default chain).</summary>
    private static AWSCredentials? Credentials(S3Settings settings)
    {
        switch (settings.AccessKey, settings.SecretKey, settings.SessionToken)
        {
            case ({ } key, { } secret, { } token):
                return new SessionAWSCredentials(key, secret, token);
            case ({ } key, { } secret, null):
                return new BasicAWSCredentials(key, secret);
        }
        if (settings.Profile is not { } profile) return null;
        if (new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var credentials)) return credentials;
        throw new StorageException(
            $"AWS profile '{profile}' (AWS_PROFILE) has no credentials in the shared config or credentials file "
            + "(~/.aws/config, ~/.aws/credentials, or the files AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE name)");
    }

    public void Dispose()
    {
        foreach (var client in _byRegion.Values)
        {
            if (client.IsValueCreated) client.Value.Dispose();
        }
    }
}
