using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Writing;

/// <summary>
/// The files of one write. They are created under <c>&lt;target&gt;/.qe-staging/&lt;queryid&gt;/</c> (hidden from
/// readers, which skip names starting with '.'), named <c>&lt;queryid&gt;_NNNNN.ext</c>, then
/// <see cref="Publish"/>ed into the target with the same relative paths (a rename for local files), or
/// <see cref="Discard"/>ed: staged and published files deleted.
/// </summary>
internal sealed class StagedFiles(IObjectStore store, string target, string queryId)
{
    private readonly List<string> _files = [];
    private readonly List<string> _published = [];
    private readonly Lock _lock = new();
    private int _sequence;

    public IObjectStore Store => store;

    public string Target => target;

    public string QueryId => queryId;

    public string StagingRoot => StagingRootOf(target, queryId);

    public static string StagingRootOf(string target, string queryId) =>
        StorageLocations.Combine(StorageLocations.Combine(target, WriteJournal.FolderName), queryId);

    /// <summary>Relative paths (under the target) of the files created so far.</summary>
    public IReadOnlyList<string> Files
    {
        get
        {
            lock (_lock) return _files.ToArray();
        }
    }

    /// <summary>Opens a new file in <paramref name="folder"/> (relative, '/'-terminated or empty).</summary>
    public (Stream Stream, string RelativePath) CreateFile(string folder, string extension)
    {
        string relative;
        lock (_lock)
        {
            relative = folder + queryId + "_" + _sequence.ToString("D5", System.Globalization.CultureInfo.InvariantCulture) + extension;
            _sequence++;
            _files.Add(relative);
        }
        return (store.Create(StorageLocations.Combine(StagingRoot, relative)), relative);
    }

    /// <summary>
    /// Opens the file of bucket <paramref name="bucket"/> in <paramref name="folder"/>, named as Trino names bucket files:
    /// <c>0BBBBB_0_&lt;queryid&gt;.ext</c> (the bucket number zero-padded to six digits first, so Hive's and Trino's
    /// readers find the bucket in the name). A write has one file per bucket and partition.
    /// </summary>
    public (Stream Stream, string RelativePath) CreateBucketFile(string folder, int bucket, string extension)
    {
        var relative = folder + BucketFileName(bucket, queryId) + extension;
        lock (_lock) _files.Add(relative);
        return (store.Create(StorageLocations.Combine(StagingRoot, relative)), relative);
    }

    /// <summary>The name (without extension) of a write's file for one bucket.</summary>
    public static string BucketFileName(int bucket, string queryId) =>
        bucket.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + "_0_" + queryId;

    /// <summary>Whether a file name is one a write with this query id makes: <c>&lt;queryid&gt;_NNNNN.ext</c> or a bucket file <c>BBBBBB_0_&lt;queryid&gt;.ext</c>.</summary>
    public static bool IsFileOf(string fileName, string queryId)
    {
        if (fileName.StartsWith(queryId + "_", StringComparison.Ordinal)) return true;
        const int bucketDigits = 6;
        var tail = "_0_" + queryId;
        if (fileName.Length < bucketDigits + tail.Length) return false;
        for (var i = 0; i < bucketDigits; i++)
        {
            if (!char.IsAsciiDigit(fileName[i])) return false;
        }
        if (string.CompareOrdinal(fileName, bucketDigits, tail, 0, tail.Length) != 0) return false;
        var end = bucketDigits + tail.Length;
        return fileName.Length == end || fileName[end] == '.';
    }

    /// <summary>Moves every staged file into place under the target.</summary>
    public void Publish(CancellationToken cancellation)
    {
        foreach (var relative in Files)
        {
            cancellation.ThrowIfCancellationRequested();
            store.Move(StorageLocations.Combine(StagingRoot, relative), StorageLocations.Combine(target, relative));
            lock (_lock) _published.Add(relative);
        }
        DeleteStaging(store, target, queryId);
    }

    /// <summary>Deletes the published files and the staging folder; best effort, never throws.</summary>
    public void Discard()
    {
        foreach (var relative in _published.ToArray())
        {
            TryDelete(store, StorageLocations.Combine(target, relative));
        }
        DeleteStaging(store, target, queryId);
    }

    /// <summary>Deletes a write's staging folder and, when it is left empty, the <c>.qe-staging</c> folder above it.</summary>
    public static void DeleteStaging(IObjectStore store, string target, string queryId)
    {
        // As a folder ('/'-terminated): object stores delete every key under the prefix.
        TryDelete(store, StagingRootOf(target, queryId) + "/");
        var folder = StorageLocations.Combine(target, WriteJournal.FolderName);
        if (IsLocal(folder))
        {
            try
            {
                var local = LocalObjectStore.ToLocalPath(folder);
                if (Directory.Exists(local) && !Directory.EnumerateFileSystemEntries(local).Any()) Directory.Delete(local);
            }
            catch (IOException)
            {
                // Another write is staging here too.
            }
        }
    }

    /// <summary>Removes the target folder itself when nothing is left in it (a local CTAS that did not complete).</summary>
    public static void DeleteIfEmpty(string target)
    {
        if (!IsLocal(target)) return;
        try
        {
            var local = LocalObjectStore.ToLocalPath(target);
            if (!Directory.Exists(local)) return;
            foreach (var dir in Directory.EnumerateDirectories(local, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
            {
                if (!Directory.EnumerateFileSystemEntries(dir).Any()) Directory.Delete(dir);
            }
            if (!Directory.EnumerateFileSystemEntries(local).Any()) Directory.Delete(local);
        }
        catch (IOException)
        {
            // Best effort.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    /// <summary>Plain paths and file: URIs are local folders, which (unlike object store prefixes) outlive their files.</summary>
    private static bool IsLocal(string location) => StorageLocations.GetScheme(location) is null or "file";

    private static void TryDelete(IObjectStore store, string location)
    {
        try
        {
            store.Delete(location);
        }
        catch (Common.StorageException)
        {
            // Best effort: recovery at the next start retries.
        }
    }
}
