namespace QueryEngine.Engine.Formats.Bucketing;

/// <summary>
/// Hive's bucketing versions, recorded as the table parameter <c>bucketing_version</c> (absent means 1): how a bucket
/// column's value is hashed. The row hash (<c>31 * h + column hash</c>) and the bucket (<c>(h &amp; 0x7FFFFFFF) % N</c>)
/// are the same in both.
/// </summary>
public enum HiveBucketingVersion
{
    /// <summary>Hive 1/2, Trino's and Athena's default: <c>ObjectInspectorUtils.hashCode</c> (Java hash codes).</summary>
    V1 = 1,

    /// <summary>Hive 3's default: Murmur3 (seed 104729) over each value's big-endian bytes or UTF-8 text (<c>hashCodeMurmur</c>).</summary>
    V2 = 2,
}

/// <summary>Reads and names the <c>bucketing_version</c> table parameter.</summary>
public static class HiveBucketingVersions
{
    /// <summary>The version a <c>bucketing_version</c> parameter value names (absent: 1), or null for a value that names none of them.</summary>
    public static HiveBucketingVersion? Parse(string? text) => text?.Trim() switch
    {
        null or "1" => HiveBucketingVersion.V1,
        "2" => HiveBucketingVersion.V2,
        _ => null,
    };

    /// <summary>The parameter value of a version: "1" or "2".</summary>
    public static string ToParameter(this HiveBucketingVersion version) => version == HiveBucketingVersion.V2 ? "2" : "1";
}
