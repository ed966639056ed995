using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Metastore.Jobs;

/// <summary>
/// The scan filter of one bookmarked job run: a file is skipped when the job's bookmark holds the same table, path,
/// size and last-modified time (a file rewritten in place is read again); every file read is remembered, to be added
/// to the bookmark if the run succeeds.
/// </summary>
public sealed class JobBookmark : IScanFileFilter
{
    private readonly HashSet<BookmarkedFile> _processed;
    private readonly Dictionary<BookmarkedFile, bool> _read = [];
    private readonly Lock _lock = new();

    public JobBookmark(IEnumerable<BookmarkedFile> processed)
    {
        ArgumentNullException.ThrowIfNull(processed);
        _processed = [.. processed.Select(Key)];
    }

    public bool Include(string table, ObjectInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var entry = Key(new BookmarkedFile(table, file.Path, file.Size, file.LastModified));
        if (_processed.Contains(entry)) return false;
        lock (_lock) _read[entry] = true;
        return true;
    }

    /// <summary>The files this run's scans read, in table and path order.</summary>
    public IReadOnlyList<BookmarkedFile> Read
    {
        get
        {
            lock (_lock)
            {
                return [.. _read.Keys.OrderBy(f => f.Table, StringComparer.Ordinal).ThenBy(f => f.Path, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Tables compared case-insensitively; times to the millisecond, as the metastore keeps them.</summary>
    private static BookmarkedFile Key(BookmarkedFile file) =>
        file with { Table = file.Table.ToLowerInvariant(), LastModified = DateTimeOffset.FromUnixTimeMilliseconds(file.LastModified.ToUnixTimeMilliseconds()) };
}
