using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Storage;
using QueryEngine.Metastore.Crawlers.Definitions;

namespace QueryEngine.Metastore.Crawlers.Scheduling;

/// <summary>
/// What <c>qe serve</c> runs in the background for stored crawlers: scheduled crawls (<see cref="CrawlerScheduler"/>)
/// and event-mode watchers (<see cref="EventCrawlers"/>). It re-reads the definitions at every poll (other processes
/// may create, change or delete crawlers) and wakes up early when a schedule fires sooner. Cancelling the token of
/// <see cref="RunAsync"/> stops it: watchers close, running crawls are cancelled and recorded as CANCELLED, and the
/// returned task ends once they have.
/// </summary>
internal sealed class CrawlerService
{
    private readonly ICrawlerStore _store;
    private readonly Action<string> _log;
    private readonly TimeProvider _clock;
    private readonly StoredCrawlers _crawlers;
    private readonly CrawlerScheduler _scheduler;

    public CrawlerService(ICatalog catalog, ICrawlerStore store, Func<string, IObjectStore> stores, Action<string> log, TimeProvider clock)
    {
        _store = store;
        _log = log;
        _clock = clock;
        _crawlers = new StoredCrawlers(catalog, store, stores, clock);
        _scheduler = new CrawlerScheduler(_crawlers, log, clock);
    }

    /// <summary>Longest wait between two looks at the definitions.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Quiet time after the last file event before an event crawl starts.</summary>
    public TimeSpan EventDebounce { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Looks at the definitions taken so far (tests wait on it instead of sleeping).</summary>
    public int Polls => Volatile.Read(ref _polls);

    private int _polls;

    public async Task RunAsync(CancellationToken stop)
    {
        var events = new EventCrawlers(_crawlers, _store, _log, _clock, EventDebounce);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var definitions = ReadDefinitions();
                if (definitions is not null) await events.RefreshAsync(definitions).ConfigureAwait(false);
                _scheduler.StartDue(stop);
                Interlocked.Increment(ref _polls);
                try
                {
                    await Task.Delay(NextWait(definitions ?? []), _clock, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            await events.DisposeAsync().ConfigureAwait(false);
            await Task.WhenAll(_scheduler.Running).ConfigureAwait(false);
        }
    }

    private IReadOnlyList<CrawlerDefinition>? ReadDefinitions()
    {
        try
        {
            return _store.ListCrawlers();
        }
        catch (QueryException ex)
        {
            _log($"crawler scheduler: cannot read the crawlers: {ex.Message}");
            return null;
        }
    }

    /// <summary>Until the next poll, or the next time a schedule fires when sooner.</summary>
    private TimeSpan NextWait(IReadOnlyList<CrawlerDefinition> definitions)
    {
        var now = _clock.GetUtcNow();
        var wait = PollInterval;
        foreach (var crawler in definitions)
        {
            if (crawler.Schedule is null || NextFire(crawler.Schedule, now) is not { } next) continue;
            if (next - now < wait) wait = next - now;
        }
        return wait < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : wait;
    }

    /// <summary>When a schedule fires next; null for none, or for an expression stored invalid (it is never due).</summary>
    private static DateTimeOffset? NextFire(string schedule, DateTimeOffset now)
    {
        try
        {
            return CronSchedule.Parse(schedule).NextAfter(now);
        }
        catch (QueryException)
        {
            return null;
        }
    }
}
