using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Storage.S3;

/// <summary>A parsed <c>s3://bucket/key</c> location (also <c>s3a://</c> and <c>s3n://</c>, as Hadoop spells them).</summary>
internal readonly record struct S3Location(string Scheme, string Bucket, string Key)
{
    public static S3Location Parse(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var scheme = StorageLocations.GetScheme(location);
        if (scheme is not ("s3" or "s3a" or "s3n") || !location.AsSpan(scheme.Length).StartsWith("://", StringComparison.Ordinal))
        {
            throw new StorageException($"{location}: not an S3 location (expected s3://bucket/key)");
        }
        var rest = location[(scheme.Length + 3)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        if (bucket.Length == 0) throw new StorageException($"{location}: the S3 location names no bucket");
        var key = slash < 0 ? string.Empty : rest[(slash + 1)..];
        return new S3Location(scheme, bucket, key);
    }

    /// <summary>The location of another key in the same bucket, spelled with the same scheme.</summary>
    public string WithKey(string key) => $"{Scheme}://{Bucket}/{key}";

    /// <summary>The key as a folder prefix: empty or ending with '/'.</summary>
    public string FolderPrefix => Key.Length == 0 || Key.EndsWith('/') ? Key : Key + "/";

    public override string ToString() => WithKey(Key);
}
