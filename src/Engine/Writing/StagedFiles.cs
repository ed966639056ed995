using QueryEngine.Engine.Formats;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Writing;

/// <summary>
/// The files of one write, named <c>&lt;queryid&gt;_NNNNN.ext</c> (or <c>BBBBBB_0_&lt;queryid&gt;.ext</c> per bucket),
/// created where nobody reads them and then <see cref="Publish"/>ed under their names in the target (same relative
/// paths), or <see cref="Discard"/>ed (created and published files deleted). Where they are created depends on
/// <see cref="InPlace"/>:
/// <list type="bullet">
/// <item>a new target (CTAS, UNLOAD): under <c>&lt;target&gt;/.qe-staging/&lt;queryid&gt;/</c>, published before the
/// commit (nobody reads the target yet);</item>
/// <item>in place (INSERT, folders readers already list): in their final folder as pending files
/// <c>.qe-pending-&lt;name&gt;</c> (<see cref="WriteFileNames"/>), which other tools skip and QueryEngine's scans read
/// once the catalog has committed the write; published (renamed in their folder) after the commit.</item>
/// </list>
/// </summary>
internal sealed class StagedFiles(IObjectStore store, string target, string queryId, bool inPlace = false)
{
    private readonly List<string> _files = [];
    private readonly List<string> _published = [];
    private readonly Lock _lock = new();
    private int _sequence;

    public IObjectStore Store => store;

    public string Target => target;

    public string QueryId => queryId;

    /// <summary>Whether files are created as pending files in their final folders rather than in the staging folder.</summary>
    public bool InPlace => inPlace;

    public string StagingRoot => StagingRootOf(target, queryId);

    public static string StagingRootOf(string target, string queryId) =>
        StorageLocations.Combine(StorageLocations.Combine(target, WriteJournal.FolderName), queryId);

    /// <summary>Where the file with this relative path is created (and stays until published).</summary>
    private string CreatedAt(string relative) =>
        inPlace ? WriteFileNames.Pending(StorageLocations.Combine(target, relative)) : StorageLocations.Combine(StagingRoot, relative);

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
        return (store.Create(CreatedAt(relative)), relative);
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
        return (store.Create(CreatedAt(relative)), relative);
    }

    /// <summary>The name (without extension) of a write's file for one bucket.</summary>
    public static string BucketFileName(int bucket, string queryId) => WriteFileNames.BucketFileName(bucket, queryId);

    /// <summary>Whether a file name is one a write with this query id makes (<see cref="WriteFileNames.IsFileOf"/>).</summary>
    public static bool IsFileOf(string fileName, string queryId) => WriteFileNames.IsFileOf(fileName, queryId);

    /// <summary>Moves every created file into place under the target; <paramref name="beforeMove"/> runs before each move (a test hook).</summary>
    public void Publish(CancellationToken cancellation, Action<string>? beforeMove = null)
    {
        foreach (var relative in Files)
        {
            cancellation.ThrowIfCancellationRequested();
            lock (_lock)
            {
                if (_published.Contains(relative)) continue;
            }
            beforeMove?.Invoke(relative);
            store.Move(CreatedAt(relative), StorageLocations.Combine(target, relative));
            lock (_lock) _published.Add(relative);
        }
        if (!inPlace) DeleteStaging(store, target, queryId);
    }

    /// <summary>Files created but not published yet.</summary>
    public int Unpublished
    {
        get
        {
            lock (_lock) return _files.Count - _published.Count;
        }
    }

    /// <summary>Deletes the created and published files and the staging folder; best effort, never throws.</summary>
    public void Discard()
    {
        string[] created, published;
        lock (_lock)
        {
            created = _files.ToArray();
            published = _published.ToArray();
        }
        foreach (var relative in published)
        {
            TryDelete(store, StorageLocations.Combine(target, relative));
        }
        if (inPlace)
        {
            foreach (var relative in created)
            {
                TryDelete(store, CreatedAt(relative));
            }
            return;
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
