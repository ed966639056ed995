using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// Parsed Parquet footers kept across queries by whoever owns the cache (the table-source factory of a session or a
/// server), so that repeated queries over the same files, above all on S3, do not fetch and decode them again. An
/// entry answers only for the same path, size, last-modified time and entity tag (S3's ETag): a rewritten object
/// is read anew. Bounded in
/// entries; the least recently used one goes first. Thread-safe.
/// </summary>
internal sealed class ParquetFooterCache
{
    /// <summary>Entries kept when no other capacity is given.</summary>
    public const int DefaultCapacity = 4096;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private readonly int _capacity;

    public ParquetFooterCache(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
    }

    /// <summary>The footer of <paramref name="file"/>, from the cache when the object is unchanged, else read now.</summary>
    public ParquetFileInfo GetOrRead(IObjectStore store, ObjectInfo file)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(file.Path, out var node))
            {
                if (node.Value.Size == file.Size && node.Value.LastModified == file.LastModified && node.Value.ETag == file.ETag)
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    return node.Value.Footer;
                }
                _recency.Remove(node);
                _entries.Remove(file.Path);
            }
        }
        // Read outside the lock: two queries missing the same file at once both read it; the later store wins.
        var footer = ParquetFooter.Read(store, file.Path, file.Size);
        lock (_gate)
        {
            if (_entries.TryGetValue(file.Path, out var existing))
            {
                _recency.Remove(existing);
                _entries.Remove(file.Path);
            }
            _entries[file.Path] = _recency.AddFirst(new Entry(file.Size, file.LastModified, file.ETag, footer));
            while (_entries.Count > _capacity)
            {
                var last = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(last.Value.Footer.Path);
            }
        }
        return footer;
    }

    private sealed record Entry(long Size, DateTimeOffset LastModified, string? ETag, ParquetFileInfo Footer);
}
