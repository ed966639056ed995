using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats;
using QueryEngine.Engine.Storage;
using QueryEngine.Metastore.Crawlers.Definitions;

namespace QueryEngine.Metastore.Crawlers.Scheduling;

/// <summary>
/// Event mode for one crawler (Glue's <c>CRAWL_EVENT_MODE</c>, with file system notifications instead of S3 events):
/// watches its local target folders recursively and, once no file has landed for the debounce time, runs a
/// new-folders crawl of just the folders where files landed. A watcher that overflows (events lost) or fails falls
/// back to a new-folders crawl of the whole targets; so does the first crawl after starting, to catch up with what
/// landed while nothing watched (a crawler that never ran gets a full crawl). One crawl at a time: events during a
/// crawl wait for the next one. Targets that are not local folders are reported and left to the schedule.
/// </summary>
internal sealed class EventCrawler : IAsyncDisposable
{
    private readonly CrawlerDefinition _crawler;
    private readonly StoredCrawlers _crawlers;
    private readonly ICrawlerStore _store;
    private readonly Action<string> _log;
    private readonly TimeSpan _debounce;
    private readonly GlobMatcher _exclusions;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();

    /// <summary>Folders where files landed since the last crawl, by target.</summary>
    private readonly Dictionary<string, HashSet<string>> _pending = new(StringComparer.Ordinal);

    /// <summary>The next crawl covers the whole targets (start, overflow, watcher error).</summary>
    private string? _fullCrawlReason = "catch-up after start";

    private Task _current = Task.CompletedTask;
    private bool _disposed;

    public EventCrawler(CrawlerDefinition crawler, StoredCrawlers crawlers, ICrawlerStore store, Action<string> log, TimeProvider clock, TimeSpan debounce)
    {
        _crawler = crawler;
        _crawlers = crawlers;
        _store = store;
        _log = log;
        _debounce = debounce;
        _exclusions = new GlobMatcher(crawler.Exclusions);
        _timer = clock.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The definition watched (a changed definition needs a new watcher).</summary>
    public CrawlerDefinition Crawler => _crawler;

    /// <summary>Starts watching the local targets and schedules the catch-up crawl.</summary>
    public void Start()
    {
        foreach (var target in _crawler.Targets)
        {
            if (StorageLocations.GetScheme(target) is not (null or "file"))
            {
                _log($"crawler {_crawler.Name}: target {target} is not a local folder; event mode watches local folders only (its schedule still crawls it)");
                continue;
            }
            var root = LocalObjectStore.ToLocalPath(target);
            if (!Directory.Exists(root))
            {
                _log($"crawler {_crawler.Name}: target folder {root} does not exist; not watched");
                continue;
            }
            if (Watch(target, root) is { } watcher) _watchers.Add(watcher);
        }
        _log($"crawler {_crawler.Name}: watching {_watchers.Count} local target folder(s) for new files (event mode)");
        _timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    /// <summary>A watcher over one target folder; null (logged) when the system refuses one, e.g. out of inotify watches.</summary>
    private FileSystemWatcher? Watch(string target, string root)
    {
        var watcher = new FileSystemWatcher(root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        try
        {
            watcher.Created += (_, e) => Landed(target, root, e.FullPath, changeEvent: false);
            // A folder "changes" whenever an entry in it does: that entry has its own event.
            watcher.Changed += (_, e) => Landed(target, root, e.FullPath, changeEvent: true);
            watcher.Renamed += (_, e) => Landed(target, root, e.FullPath, changeEvent: false);
            watcher.Error += (_, e) => Lost(e.GetException());
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            watcher.Dispose();
            _log($"crawler {_crawler.Name}: cannot watch {root}: {ex.Message} (its schedule still crawls it)");
            return null;
        }
    }

    /// <summary>A file or folder appeared or changed under a target: its folder joins the next crawl.</summary>
    private void Landed(string target, string root, string fullPath, bool changeEvent)
    {
        var relative = Path.GetRelativePath(root, fullPath);
        if (Path.DirectorySeparatorChar != '/') relative = relative.Replace(Path.DirectorySeparatorChar, '/');
        if (relative == "." || relative.StartsWith("../", StringComparison.Ordinal) || TableFiles.IsHidden(relative)) return;
        var isFolder = Directory.Exists(fullPath);
        if (isFolder && changeEvent) return;
        if (!isFolder && _exclusions.Excludes(relative)) return;
        var slash = relative.LastIndexOf('/');
        var folder = isFolder ? relative : slash < 0 ? "" : relative[..slash];
        lock (_lock)
        {
            if (_disposed) return;
            if (!_pending.TryGetValue(target, out var folders)) _pending[target] = folders = new HashSet<string>(StringComparer.Ordinal);
            folders.Add(folder);
            _timer.Change(_debounce, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The watcher lost events (buffer overflow) or failed: the next crawl covers the whole targets.</summary>
    internal void Lost(Exception error)
    {
        lock (_lock)
        {
            if (_disposed) return;
            _fullCrawlReason = error is InternalBufferOverflowException ? "the file watcher overflowed" : $"the file watcher failed ({error.Message})";
            _timer.Change(_debounce, Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire()
    {
        lock (_lock)
        {
            if (_disposed) return;
            if (!_current.IsCompleted)
            {
                // Crawling: the pending folders wait for this crawl to end (it re-arms the timer).
                return;
            }
            if (_fullCrawlReason is null && _pending.Count == 0) return;
            var full = _fullCrawlReason;
            var folders = _pending.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value.Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
            _pending.Clear();
            _fullCrawlReason = null;
            _current = Task.Factory.StartNew(() => Crawl(full, folders), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    private void Crawl(string? fullReason, Dictionary<string, IReadOnlyList<string>> folders)
    {
        var trigger = fullReason ?? "events";
        try
        {
            Func<CrawlerDefinition, CrawlRequest> request;
            string note;
            if (fullReason is not null)
            {
                var neverRan = _store.ListCrawlRuns(_crawler.Name, limit: 1).Count == 0;
                request = d => CrawlRequest.From(d) with { Recrawl = neverRan ? RecrawlBehavior.Everything : RecrawlBehavior.NewFoldersOnly };
                note = neverRan ? $"event mode: full crawl ({fullReason})" : $"event mode: new-folders crawl of the whole targets ({fullReason})";
            }
            else
            {
                request = d => CrawlRequest.From(d) with { Folders = folders };
                note = "event mode: crawled " + string.Join(", ", folders.SelectMany(f => f.Value.Select(v => v.Length == 0 ? f.Key : StorageLocations.Combine(f.Key, v))));
            }
            var (runId, report) = _crawlers.Run(_crawler.Name, request, note, _stop.Token);
            _log(CrawlRunLine.Succeeded(_crawler.Name, trigger, runId, report));
        }
        catch (CrawlerRunningException ex)
        {
            _log(CrawlRunLine.NotStarted(_crawler.Name, trigger, ex.Message + "; retrying later"));
            Retry(fullReason, folders);
        }
        catch (OperationCanceledException)
        {
            _log(CrawlRunLine.Ended(_crawler.Name, trigger, CrawlRunStatus.Cancelled, "stopped watching"));
        }
        catch (Exception ex) when (ex is QueryException or IOException or UnauthorizedAccessException)
        {
            _log(CrawlRunLine.Ended(_crawler.Name, trigger, CrawlRunStatus.Failed, ex.Message));
        }
        finally
        {
            lock (_lock)
            {
                if (!_disposed && (_pending.Count > 0 || _fullCrawlReason is not null)) _timer.Change(_debounce, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Puts back what a refused crawl was to cover, for the next one.</summary>
    private void Retry(string? fullReason, Dictionary<string, IReadOnlyList<string>> folders)
    {
        lock (_lock)
        {
            _fullCrawlReason ??= fullReason;
            foreach (var (target, list) in folders)
            {
                if (!_pending.TryGetValue(target, out var pending)) _pending[target] = pending = new HashSet<string>(StringComparer.Ordinal);
                pending.UnionWith(list);
            }
        }
    }

    /// <summary>Stops watching; a crawl going on is cancelled (and recorded as CANCELLED) before this returns.</summary>
    public async ValueTask DisposeAsync()
    {
        Task current;
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            current = _current;
        }
        foreach (var watcher in _watchers) watcher.Dispose();
        await _timer.DisposeAsync().ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await current.ConfigureAwait(false);
        _stop.Dispose();
    }
}
