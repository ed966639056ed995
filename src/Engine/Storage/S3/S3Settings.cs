using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Storage.S3;

/// <summary>
/// How to reach S3 or an S3-compatible store. Credentials not given here come from the AWS SDK's default chain
/// (environment variables, shared config and credentials files, profiles, instance metadata).
/// </summary>
public sealed record S3Settings
{
    /// <summary>Endpoint of an S3-compatible store (<c>http://127.0.0.1:9000</c>); null for AWS itself.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Region to sign for (and, without an endpoint, to send to).</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Path-style addressing (<c>endpoint/bucket/key</c>), which most S3-compatible stores need.</summary>
    public bool PathStyle { get; init; }

    public string? AccessKey { get; init; }

    public string? SecretKey { get; init; }

    /// <summary>Session token of temporary credentials (with <see cref="AccessKey"/> and <see cref="SecretKey"/>).</summary>
    public string? SessionToken { get; init; }

    /// <summary>Retries of throttled, 5xx and network failures, with the SDK's exponential backoff.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>Timeout of one HTTP request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Size of each multipart-upload part; an object smaller than one part is uploaded in one PUT.</summary>
    public int PartSize { get; init; } = 16 << 20;

    /// <summary>Parts uploaded at once.</summary>
    public int UploadConcurrency { get; init; } = 4;

    /// <summary>Keys asked for per list request (S3 returns at most 1,000).</summary>
    public int ListPageSize { get; init; } = 1000;

    /// <summary>Makes the HTTP clients the SDK sends through (tests use it to inject failures); null for the SDK's own.</summary>
    internal Amazon.Runtime.HttpClientFactory? HttpClientFactory { get; init; }

    /// <summary>
    /// Named profile of the shared AWS config and credentials files (<c>~/.aws/config</c>, <c>~/.aws/credentials</c>,
    /// or the files <c>AWS_CONFIG_FILE</c> and <c>AWS_SHARED_CREDENTIALS_FILE</c> name) whose keys sign the requests when
    /// <see cref="AccessKey"/> is not given; null for the SDK's default chain (which reads the <c>default</c> profile).
    /// </summary>
    public string? Profile { get; init; }

    /// <summary>Environment variable turning path-style addressing on (<c>true</c>) or off (<c>false</c>); <c>--s3-path-style</c> sets it.</summary>
    public const string PathStyleVariable = "QE_S3_PATH_STYLE";

    /// <summary>
    /// Settings from the standard AWS environment variables: <c>AWS_ENDPOINT_URL_S3</c> or <c>AWS_ENDPOINT_URL</c>
    /// (which also turns on path-style addressing unless <c>QE_S3_PATH_STYLE=false</c>), <c>AWS_REGION</c> or
    /// <c>AWS_DEFAULT_REGION</c>, <c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c> and
    /// <c>AWS_PROFILE</c>. What they leave open comes from the profile (<c>AWS_PROFILE</c>, else <c>default</c>) of the
    /// shared config files: its <c>region</c>, <c>endpoint_url</c> and keys.
    /// </summary>
    public static S3Settings FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var profileName = NonEmpty(environment("AWS_PROFILE"));
        var profile = SharedProfile(profileName ?? "default");
        var endpoint = NonEmpty(environment("AWS_ENDPOINT_URL_S3")) ?? NonEmpty(environment("AWS_ENDPOINT_URL")) ?? NonEmpty(profile?.EndpointUrl);
        var pathStyle = NonEmpty(environment(PathStyleVariable)) is { } flag ? ParseFlag(flag) : endpoint is not null;
        return new S3Settings
        {
            Endpoint = endpoint,
            PathStyle = pathStyle,
            Region = NonEmpty(environment("AWS_REGION")) ?? NonEmpty(environment("AWS_DEFAULT_REGION")) ?? profile?.Region?.SystemName ?? "us-east-1",
            AccessKey = NonEmpty(environment("AWS_ACCESS_KEY_ID")),
            SecretKey = NonEmpty(environment("AWS_SECRET_ACCESS_KEY")),
            SessionToken = NonEmpty(environment("AWS_SESSION_TOKEN")),
            Profile = profileName,
        };
    }

    /// <summary>A profile of the shared config and credentials files, or null when there is none by that name.</summary>
    internal static Amazon.Runtime.CredentialManagement.CredentialProfile? SharedProfile(string name) =>
        new Amazon.Runtime.CredentialManagement.CredentialProfileStoreChain().TryGetProfile(name, out var profile) ? profile : null;

    private static bool ParseFlag(string value) => value.ToLowerInvariant() switch
    {
        "1" or "true" or "yes" or "on" => true,
        "0" or "false" or "no" or "off" => false,
        _ => throw new StorageException($"{PathStyleVariable}={value}: expected true or false"),
    };

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
