using System.Globalization;

namespace QueryEngine.Engine.Formats;

/// <summary>
/// The names of the files CTAS / INSERT / UNLOAD write, shared by the writers and the readers:
/// <list type="bullet">
/// <item><c>&lt;queryid&gt;_NNNNN.ext</c> (unbucketed) and <c>0BBBBB_0_&lt;queryid&gt;.ext</c> (bucket files, named as
/// Trino names them, bucket number first);</item>
/// <item>a <b>pending</b> file: an INSERT's file written in its final folder under the hidden name
/// <c>.qe-pending-&lt;final name&gt;</c>. Other tools skip it (a leading '.'); QueryEngine's scans read it, as
/// if renamed, once the catalog has committed its query id, and skip it before.</item>
/// </list>
/// </summary>
internal static class WriteFileNames
{
    /// <summary>The prefix of a pending file's name.</summary>
    public const string PendingPrefix = ".qe-pending-";

    /// <summary>Digits of the bucket number at the start of a bucket file name.</summary>
    private const int BucketDigits = 6;

    /// <summary>The name (without extension) of a write's file for one bucket.</summary>
    public static string BucketFileName(int bucket, string queryId) =>
        bucket.ToString("D6", CultureInfo.InvariantCulture) + "_0_" + queryId;

    /// <summary>Whether a file name is one a write with this query id makes: <c>&lt;queryid&gt;_NNNNN.ext</c> or a bucket file <c>BBBBBB_0_&lt;queryid&gt;.ext</c>.</summary>
    public static bool IsFileOf(string fileName, string queryId)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(queryId);
        if (fileName.StartsWith(queryId + "_", StringComparison.Ordinal)) return true;
        var tail = "_0_" + queryId;
        if (fileName.Length < BucketDigits + tail.Length) return false;
        for (var i = 0; i < BucketDigits; i++)
        {
            if (!char.IsAsciiDigit(fileName[i])) return false;
        }
        if (string.CompareOrdinal(fileName, BucketDigits, tail, 0, tail.Length) != 0) return false;
        var end = BucketDigits + tail.Length;
        return fileName.Length == end || fileName[end] == '.';
    }

    /// <summary>The pending (hidden) form of a '/'-separated path or relative path: its last segment prefixed.</summary>
    public static string Pending(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var slash = path.LastIndexOf('/');
        return path[..(slash + 1)] + PendingPrefix + path[(slash + 1)..];
    }

    /// <summary>
    /// Whether the last segment of <paramref name="path"/> is a pending file's name (and no folder above it is hidden):
    /// gives the path it will have once published.
    /// </summary>
    public static bool TryGetPublished(string path, out string published)
    {
        ArgumentNullException.ThrowIfNull(path);
        published = "";
        var slash = path.LastIndexOf('/');
        var name = path.AsSpan(slash + 1);
        if (!name.StartsWith(PendingPrefix, StringComparison.Ordinal) || name.Length == PendingPrefix.Length) return false;
        published = path[..(slash + 1)] + name[PendingPrefix.Length..].ToString();
        return true;
    }

    /// <summary>
    /// The bucket number of a bucket file, read from its name as Hive and Trino read it: leading digits starting with
    /// '0' followed by <c>_</c> and digits (<c>000003_0_...</c> is bucket 3). False for names that do not match.
    /// </summary>
    public static bool TryGetBucket(string fileName, out int bucket)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        bucket = -1;
        var digits = 0;
        while (digits < fileName.Length && char.IsAsciiDigit(fileName[digits])) digits++;
        if (digits < 2 || fileName[0] != '0' || digits >= fileName.Length || fileName[digits] != '_') return false;
        var after = digits + 1;
        if (after >= fileName.Length || !char.IsAsciiDigit(fileName[after])) return false;
        return int.TryParse(fileName.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out bucket);
    }
}
