using System.Collections.Concurrent;
using QueryEngine.Engine.Common;
using QueryEngine.Metastore.Crawlers.Definitions;

namespace QueryEngine.Metastore.Crawlers.Scheduling;

/// <summary>
/// Starts the stored crawlers whose schedule is due (<see cref="StoredCrawlers.Due"/>), each on its own background
/// task. A crawler already running in this process is not started twice; one running in another process (say
/// <c>qe crawler run-due</c> from cron) is refused by the store (<see cref="CrawlerRunningException"/>), so neither
/// double-runs. Cancelling the token given to <see cref="StartDue"/> cancels the running crawls, which are then
/// recorded as CANCELLED.
/// </summary>
internal sealed class CrawlerScheduler(StoredCrawlers crawlers, Action<string> log, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);

    /// <summary>The runs going on (finished ones leave by themselves).</summary>
    public IReadOnlyCollection<Task> Running => (IReadOnlyCollection<Task>)_running.Values;

    /// <summary>Starts every due crawler that is not running here yet; returns the runs started.</summary>
    public IReadOnlyList<Task> StartDue(CancellationToken cancellation)
    {
        var started = new List<Task>();
        IReadOnlyList<CrawlerDefinition> due;
        try
        {
            due = crawlers.Due(clock.GetUtcNow());
        }
        catch (QueryException ex)
        {
            log($"crawler scheduler: cannot read the crawlers' schedules: {ex.Message}");
            return started;
        }
        foreach (var crawler in due)
        {
            if (_running.ContainsKey(crawler.Name)) continue;
            // Registered before it starts, so that it cannot leave the registry before entering it.
            var run = new Task(() => RunOne(crawler.Name, cancellation), TaskCreationOptions.LongRunning);
            if (!_running.TryAdd(crawler.Name, run)) continue;
            started.Add(run);
            run.Start(TaskScheduler.Default);
        }
        return started;
    }

    private void RunOne(string name, CancellationToken cancellation)
    {
        try
        {
            var (runId, report) = crawlers.Run(name, cancellation);
            log(CrawlRunLine.Succeeded(name, "schedule", runId, report));
        }
        catch (CrawlerRunningException ex)
        {
            log(CrawlRunLine.NotStarted(name, "schedule", ex.Message));
        }
        catch (OperationCanceledException)
        {
            log(CrawlRunLine.Ended(name, "schedule", CrawlRunStatus.Cancelled, "the server is stopping"));
        }
        catch (Exception ex) when (ex is QueryException or IOException or UnauthorizedAccessException)
        {
            log(CrawlRunLine.Ended(name, "schedule", CrawlRunStatus.Failed, ex.Message));
        }
        finally
        {
            _running.TryRemove(name, out _);
        }
    }
}
