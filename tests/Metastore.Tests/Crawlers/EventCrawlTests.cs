using System.Collections.Concurrent;
using QueryEngine.Metastore.Crawlers;
using QueryEngine.Metastore.Crawlers.Definitions;
using QueryEngine.Metastore.Crawlers.Scheduling;
using QueryEngine.Metastore.Store.Sqlite;
using Xunit;

namespace QueryEngine.Metastore.Tests.Crawlers;

/// <summary>
/// Event mode: a catch-up crawl first, then files landing under a watched target produce their partition or table,
/// reading only the folders where they landed; a watcher overflow falls back to a new-folders crawl of everything.
/// </summary>
public sealed class EventCrawlTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SqliteCatalog _catalog;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly ReadRecordingStore _store = new();

    public EventCrawlTests() => _catalog = SqliteCatalog.OpenWarehouse(_dir.Combine("warehouse"));

    public void Dispose()
    {
        _catalog.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task FilesLandingUnderTheTargetAddTheirPartitionReadingOnlyTheirFolder()
    {
        Write("lake/sales/dt=1/a.csv", "id,amount\n1,2.5\n");
        Write("lake/sales/dt=2/a.csv", "id,amount\n2,3.5\n");
        Write("lake/people/p.json", "{\"name\": \"ann\"}\n");
        _catalog.CreateCrawler(new CrawlerDefinition("landing", "lake", [_dir.Combine("lake")], []) { Recrawl = RecrawlBehavior.Events });
        var service = new CrawlerService(_catalog, _catalog, _ => _store, _log.Enqueue, TimeProvider.System)
        {
            PollInterval = TimeSpan.FromMilliseconds(100),
            EventDebounce = TimeSpan.FromMilliseconds(200),
        };
        using var stop = new CancellationTokenSource();
        var running = service.RunAsync(stop.Token);
        try
        {
            await CrawlerSchedulingTests.Until(() => _catalog.ListCrawlRuns("landing") is [{ Status: CrawlRunStatus.Succeeded }], "the catch-up crawl");
            var first = _catalog.ListCrawlRuns("landing")[0];
            Assert.Equal(new CrawlRunCounts(2, 0, 0, 2, 0, 0), first.Counts);
            Assert.Equal("event mode: full crawl (catch-up after start)", first.Message);
            Assert.Equal(3, _store.Read.Distinct().Count());
            _store.Read.Clear();

            // A partition lands whole (written aside, then moved in), a new table file by file.
            Write("staging/dt=3/a.csv", "id,amount\n3,4.5\n");
            Write("staging/dt=3/b.csv", "id,amount\n4,5.5\n");
            Directory.Move(_dir.Combine("staging", "dt=3"), _dir.Combine("lake", "sales", "dt=3"));
            Write("lake/clicks/a.json", "{\"url\": \"/\", \"n\": 1}\n");
            await CrawlerSchedulingTests.Until(() => _catalog.ListPartitions("lake", "sales").Count == 3 && _catalog.GetTable("lake", "clicks") is not null, "partition dt=3 and table clicks");
            await CrawlerSchedulingTests.Until(() => _catalog.ListCrawlRuns("landing").All(r => r.Status != CrawlRunStatus.Running), "the event crawls to end");
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }

        var eventRuns = _catalog.ListCrawlRuns("landing").SkipLast(1).ToList();
        Assert.All(eventRuns, r => Assert.Equal(CrawlRunStatus.Succeeded, r.Status));
        Assert.All(eventRuns, r => Assert.StartsWith("event mode: crawled ", r.Message, StringComparison.Ordinal));
        Assert.Equal(1, eventRuns.Sum(r => r.Counts.PartitionsAdded));
        Assert.Equal(1, eventRuns.Sum(r => r.Counts.TablesCreated));
        Assert.Contains(eventRuns, r => r.Message!.Contains("sales/dt=3", StringComparison.Ordinal));
        var read = _store.Read.Distinct().Select(p => Path.GetRelativePath(_dir.Combine("lake"), p).Replace('\\', '/')).Order(StringComparer.Ordinal);
        Assert.Equal(["clicks/a.json", "sales/dt=3/a.csv", "sales/dt=3/b.csv"], read);
        var partition = _catalog.ListPartitions("lake", "sales").Single(p => p.Values[0] == "3");
        Assert.Equal("2", partition.Parameters["objectCount"]);
        Assert.All(_log, line => Assert.StartsWith("crawler landing", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWatcherOverflowFallsBackToANewFoldersCrawlOfTheWholeTarget()
    {
        Write("lake/sales/dt=1/a.csv", "id,amount\n1,2.5\n");
        Write("lake/sales/dt=2/a.csv", "id,amount\n2,3.5\n");
        Write("lake/people/p.json", "{\"name\": \"ann\"}\n");
        var crawler = new CrawlerDefinition("landing", "lake", [_dir.Combine("lake")], []) { Recrawl = RecrawlBehavior.Events };
        _catalog.CreateCrawler(crawler);
        var crawlers = new StoredCrawlers(_catalog, _catalog, _ => _store);
        crawlers.Run("landing");
        var watcher = new EventCrawler(_catalog.GetCrawler("landing")!, crawlers, _catalog, _log.Enqueue, TimeProvider.System, TimeSpan.FromMilliseconds(100));
        await using (watcher)
        {
            watcher.Start();
            await CrawlerSchedulingTests.Until(() => _catalog.ListCrawlRuns("landing") is [{ Status: CrawlRunStatus.Succeeded }, _], "the catch-up crawl");
            Assert.Equal("event mode: new-folders crawl of the whole targets (catch-up after start)", _catalog.ListCrawlRuns("landing")[0].Message);
            _store.Read.Clear();

            watcher.Lost(new InternalBufferOverflowException());
            await CrawlerSchedulingTests.Until(() => _catalog.ListCrawlRuns("landing") is [{ Status: CrawlRunStatus.Succeeded }, _, _], "the crawl after the overflow");
        }

        var run = _catalog.ListCrawlRuns("landing")[0];
        Assert.Equal("event mode: new-folders crawl of the whole targets (the file watcher overflowed)", run.Message);
        Assert.Equal(CrawlRunCounts.None, run.Counts);
        Assert.Empty(_store.Read);
    }

    private void Write(string relative, string text)
    {
        var path = _dir.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
