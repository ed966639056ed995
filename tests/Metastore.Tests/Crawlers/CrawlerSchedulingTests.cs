using System.Collections.Concurrent;
using QueryEngine.Engine.Storage;
using QueryEngine.Metastore.Crawlers;
using QueryEngine.Metastore.Crawlers.Definitions;
using QueryEngine.Metastore.Crawlers.Scheduling;
using QueryEngine.Metastore.Store.Sqlite;
using Xunit;

namespace QueryEngine.Metastore.Tests.Crawlers;

/// <summary>
/// Stored crawlers in the background (what <c>qe serve</c> runs): due schedules run once and are recorded, others do
/// not run, a crawler never runs twice at once (also across processes), and stopping cancels and records a crawl.
/// </summary>
public sealed class CrawlerSchedulingTests : IDisposable
{
    private const string Hourly = "cron(0 * * * ? *)";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _dir = new();
    private readonly SqliteCatalog _catalog;
    private readonly ConcurrentQueue<string> _log = new();

    public CrawlerSchedulingTests() => _catalog = SqliteCatalog.OpenWarehouse(_dir.Combine("warehouse"));

    public void Dispose()
    {
        _catalog.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task TheServiceRunsADueCrawlerOnceAndLeavesTheOthers()
    {
        Write("lake/sales/dt=1/a.csv", "id,amount\n1,2.5\n2,3.5\n");
        Write("lake/sales/dt=2/a.csv", "id,amount\n3,4.5\n");
        Write("lake/people/p.json", "{\"name\": \"ann\"}\n");
        var lake = _dir.Combine("lake");
        _catalog.CreateCrawler(new CrawlerDefinition("hourly", "lake", [lake], []) { Schedule = Hourly });
        _catalog.CreateCrawler(new CrawlerDefinition("far-future", "lake", [lake], []) { Schedule = "cron(0 0 1 1 ? 2090)", TablePrefix = "future_" });
        _catalog.CreateCrawler(new CrawlerDefinition("manual", "lake", [lake], []) { TablePrefix = "manual_" });
        var clock = new ManualClock(NextHourlyFire(_catalog.GetCrawler("hourly")!.CreateTime).AddMinutes(1));
        var service = new CrawlerService(_catalog, _catalog, _ => new LocalObjectStore(), _log.Enqueue, clock) { PollInterval = TimeSpan.FromMilliseconds(50) };
        using var stop = new CancellationTokenSource();
        var running = service.RunAsync(stop.Token);

        await Until(() => _catalog.ListCrawlRuns("hourly") is [{ Status: CrawlRunStatus.Succeeded }], "the hourly crawler's run");
        var polls = service.Polls;
        await Until(() => service.Polls >= polls + 3, "three more polls");
        await stop.CancelAsync();
        await running;

        var run = Assert.Single(_catalog.ListCrawlRuns("hourly"));
        Assert.Equal(clock.Now, run.StartTime);
        Assert.Equal(new CrawlRunCounts(2, 0, 0, 2, 0, 0), run.Counts);
        Assert.Equal(2, _catalog.ListPartitions("lake", "sales").Count);
        Assert.Empty(_catalog.ListCrawlRuns("far-future"));
        Assert.Empty(_catalog.ListCrawlRuns("manual"));
        Assert.Null(_catalog.GetTable("lake", "future_sales"));
        var line = Assert.Single(_log);
        Assert.StartsWith($"crawler hourly run {run.Id} (schedule): SUCCEEDED in ", line, StringComparison.Ordinal);
        Assert.EndsWith("; files read 3; tables created 2, updated 0, deleted 0; partitions added 2, removed 0; files skipped 0", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACrawlerRunningInAnotherProcessIsNeitherRunNorScheduledAgain()
    {
        Write("lake/t/a.csv", "a,b\n1,2\n");
        _catalog.CreateCrawler(new CrawlerDefinition("nightly", "lake", [_dir.Combine("lake")], []) { Schedule = Hourly });
        // A second catalog over the same file stands for another process (its own connections and write lock).
        using var other = SqliteCatalog.OpenWarehouse(_dir.Combine("warehouse"));
        var theirs = other.StartCrawlRun("nightly", DateTimeOffset.UtcNow);

        var crawlers = new StoredCrawlers(_catalog, _catalog, _ => new LocalObjectStore());
        var refused = Assert.Throws<CrawlerRunningException>(() => crawlers.Run("NIGHTLY"));
        Assert.Equal(theirs, refused.RunId);
        Assert.StartsWith($"Crawler 'nightly' is already running (run {theirs}, started ", refused.Message, StringComparison.Ordinal);

        var clock = new ManualClock(NextHourlyFire(DateTimeOffset.UtcNow).AddMinutes(1));
        var scheduler = new CrawlerScheduler(new StoredCrawlers(_catalog, _catalog, _ => new LocalObjectStore(), clock), _log.Enqueue, clock);
        var started = scheduler.StartDue(CancellationToken.None);
        await Assert.Single(started);
        Assert.Equal([theirs], _catalog.ListCrawlRuns("nightly").Select(r => r.Id));
        Assert.StartsWith("crawler nightly (schedule): not started: Crawler 'nightly' is already running", Assert.Single(_log), StringComparison.Ordinal);
        Assert.Null(_catalog.GetTable("lake", "t"));

        other.FinishCrawlRun(theirs, DateTimeOffset.UtcNow, CrawlRunStatus.Succeeded, CrawlRunCounts.None, null);
        var (ours, _) = crawlers.Run("nightly");
        Assert.Equal([ours, theirs], _catalog.ListCrawlRuns("nightly").Select(r => r.Id));
        Assert.NotNull(_catalog.GetTable("lake", "t"));
    }

    [Fact]
    public void ARunLeftRunningByAKilledProcessIsAbandonedAfterTwelveHours()
    {
        Write("lake/t/a.csv", "a,b\n1,2\n");
        _catalog.CreateCrawler(new CrawlerDefinition("nightly", "lake", [_dir.Combine("lake")], []));
        var now = DateTimeOffset.UtcNow;
        var recent = _catalog.StartCrawlRun("nightly", now.AddHours(-11));
        Assert.Throws<CrawlerRunningException>(() => _catalog.StartCrawlRun("nightly", now));
        _catalog.FinishCrawlRun(recent, now, CrawlRunStatus.Failed, CrawlRunCounts.None, "test");
        var killed = _catalog.StartCrawlRun("nightly", now.AddHours(-CrawlerRules.StaleRunHours).AddMinutes(-1));

        var (runId, _) = new StoredCrawlers(_catalog, _catalog, _ => new LocalObjectStore()).Run("nightly");

        var runs = _catalog.ListCrawlRuns("nightly");
        Assert.Equal([runId, killed, recent], runs.Select(r => r.Id));
        Assert.Equal([CrawlRunStatus.Succeeded, CrawlRunStatus.Failed, CrawlRunStatus.Failed], runs.Select(r => r.Status));
        Assert.StartsWith("abandoned: still RUNNING after 12 hours", runs[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoppingTheServiceCancelsACrawlGoingOnAndRecordsItAsCancelled()
    {
        Write("lake/t/a.csv", "a,b\n1,2\n");
        _catalog.CreateCrawler(new CrawlerDefinition("slow", "lake", [_dir.Combine("lake")], []) { Schedule = Hourly });
        using var listing = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var store = new BlockingListStore(listing, release);
        var clock = new ManualClock(NextHourlyFire(_catalog.GetCrawler("slow")!.CreateTime).AddMinutes(1));
        var service = new CrawlerService(_catalog, _catalog, _ => store, _log.Enqueue, clock) { PollInterval = TimeSpan.FromMilliseconds(50) };
        using var stop = new CancellationTokenSource();
        var running = service.RunAsync(stop.Token);
        Assert.True(listing.Wait(Patience), "the crawl did not start");

        await stop.CancelAsync();
        release.Set();
        await running;

        var run = Assert.Single(_catalog.ListCrawlRuns("slow"));
        Assert.Equal(CrawlRunStatus.Cancelled, run.Status);
        Assert.NotNull(run.EndTime);
        Assert.Null(_catalog.GetTable("lake", "t"));
        Assert.Equal("crawler slow (schedule): CANCELLED: the server is stopping", Assert.Single(_log));
    }

    private static DateTimeOffset NextHourlyFire(DateTimeOffset after) => CronSchedule.Parse(Hourly).NextAfter(after)!.Value;

    internal static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (!condition())
        {
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"waited {Patience.TotalSeconds} s for {what}");
            await Task.Delay(20);
        }
    }

    private void Write(string relative, string text)
    {
        var path = _dir.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>A local store whose listing waits for the test: says it started, then waits to be released.</summary>
    private sealed class BlockingListStore(ManualResetEventSlim listing, ManualResetEventSlim release) : IObjectStore
    {
        private readonly LocalObjectStore _inner = new();

        public IReadOnlyList<ObjectInfo> List(string prefixOrDirectory, bool recursive)
        {
            listing.Set();
            release.Wait();
            return _inner.List(prefixOrDirectory, recursive);
        }

        public ObjectInfo? Stat(string path) => _inner.Stat(path);

        public Stream OpenRead(string path) => _inner.OpenRead(path);

        public Stream OpenRead(string path, long offset) => _inner.OpenRead(path, offset);

        public int ReadRange(string path, long offset, Span<byte> destination) => _inner.ReadRange(path, offset, destination);

        public Stream Create(string path) => _inner.Create(path);

        public void Delete(string path) => _inner.Delete(path);

        public void Move(string source, string destination) => _inner.Move(source, destination);
    }
}
