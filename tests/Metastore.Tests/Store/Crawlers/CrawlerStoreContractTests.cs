using QueryEngine.Engine.Common;
using QueryEngine.Metastore.Crawlers.Definitions;
using Xunit;

namespace QueryEngine.Metastore.Tests.Store.Crawlers;

/// <summary>What every <see cref="ICrawlerStore"/> (SQLite, PostgreSQL) must do with crawler definitions and run history.</summary>
public abstract class CrawlerStoreContractTests : IDisposable
{
    protected abstract ICrawlerStore Store { get; }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    public static CrawlerDefinition FullDefinition(string name) => new(name, "Lake", ["/data/lake", "s3://bucket/raw/"], ["**/_tmp/**", "*.crc"])
    {
        TablePrefix = "raw_",
        Csv = new CsvClassifierDefinition('|', '\'', CsvHeaderSetting.Absent),
        SchemaChange = new SchemaChangePolicy(SchemaUpdateBehavior.Log, DeletedObjectBehavior.Delete),
        Recrawl = RecrawlBehavior.NewFoldersOnly,
        Grouping = TableGroupingPolicy.CombineCompatibleSchemas,
        Schedule = "cron(15 12 * * ? *)",
        Description = "nightly ✓",
    };

    [Fact]
    public void ADefinitionRoundTripsWithEveryField()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        Store.CreateCrawler(FullDefinition("Nightly"));
        Store.CreateCrawler(new CrawlerDefinition("bare", "default", ["/x"], []));

        var stored = Store.GetCrawler("NIGHTLY")!;
        Assert.Equal("nightly", stored.Name);
        Assert.Equal("lake", stored.Database);
        Assert.Equal(["/data/lake", "s3://bucket/raw/"], stored.Targets);
        Assert.Equal(["**/_tmp/**", "*.crc"], stored.Exclusions);
        Assert.Equal("raw_", stored.TablePrefix);
        Assert.Equal(new CsvClassifierDefinition('|', '\'', CsvHeaderSetting.Absent), stored.Csv);
        Assert.Equal(new SchemaChangePolicy(SchemaUpdateBehavior.Log, DeletedObjectBehavior.Delete), stored.SchemaChange);
        Assert.Equal(RecrawlBehavior.NewFoldersOnly, stored.Recrawl);
        Assert.Equal(TableGroupingPolicy.CombineCompatibleSchemas, stored.Grouping);
        Assert.Equal("cron(15 12 * * ? *)", stored.Schedule);
        Assert.Equal("nightly ✓", stored.Description);
        Assert.InRange(stored.CreateTime, before, DateTimeOffset.UtcNow.AddSeconds(1));

        var bare = Store.GetCrawler("bare")!;
        Assert.Null(bare.Csv);
        Assert.Null(bare.Schedule);
        Assert.Empty(bare.Exclusions);
        Assert.Equal(SchemaChangePolicy.Default, bare.SchemaChange);
        Assert.Equal(RecrawlBehavior.Everything, bare.Recrawl);
        Assert.Equal(["bare", "nightly"], Store.ListCrawlers().Select(c => c.Name));
        Assert.Null(Store.GetCrawler("missing"));
    }

    [Fact]
    public void UpdatesReplaceTheDefinitionAndKeepTheCreationTime()
    {
        Store.CreateCrawler(FullDefinition("c"));
        var created = Store.GetCrawler("c")!;
        Store.UpdateCrawler(new CrawlerDefinition("C", "other", ["/new"], []) { Schedule = "cron(0 * * * ? *)" });

        var updated = Store.GetCrawler("c")!;
        Assert.Equal("other", updated.Database);
        Assert.Equal(["/new"], updated.Targets);
        Assert.Empty(updated.Exclusions);
        Assert.Null(updated.Csv);
        Assert.Equal("", updated.TablePrefix);
        Assert.Equal(SchemaChangePolicy.Default, updated.SchemaChange);
        Assert.Equal(created.CreateTime, updated.CreateTime);
        Assert.True(updated.LastUpdated >= created.LastUpdated);

        var missing = Assert.Throws<NotFoundException>(() => Store.UpdateCrawler(new CrawlerDefinition("nope", "d", ["/x"], [])));
        Assert.Equal("Crawler 'nope' does not exist", missing.Message);
    }

    [Fact]
    public void DuplicatesAndInvalidDefinitionsAreRejectedWithTheirName()
    {
        Store.CreateCrawler(FullDefinition("c"));
        var duplicate = Assert.Throws<SemanticException>(() => Store.CreateCrawler(FullDefinition("C")));
        Assert.Equal("Crawler 'c' already exists", duplicate.Message);
        Assert.Equal(ErrorCode.AlreadyExists, duplicate.Code);

        var noTargets = Assert.Throws<SemanticException>(() => Store.CreateCrawler(new CrawlerDefinition("t", "d", [], [])));
        Assert.Equal("Crawler 't' needs at least one target location", noTargets.Message);
        var badSchedule = Assert.Throws<SemanticException>(() => Store.CreateCrawler(new CrawlerDefinition("s", "d", ["/x"], []) { Schedule = "cron(61 * * * ? *)" }));
        Assert.Equal("Invalid schedule 'cron(61 * * * ? *)': the minutes field takes 0-59, not '61'", badSchedule.Message);
        Assert.Throws<SemanticException>(() => Store.CreateCrawler(new CrawlerDefinition("a b", "d", ["/x"], [])));
        Assert.Equal(["c"], Store.ListCrawlers().Select(c => c.Name));
    }

    [Fact]
    public void RunsAreRecordedNewestFirstAndDeletedWithTheirCrawler()
    {
        Store.CreateCrawler(FullDefinition("c"));
        Store.CreateCrawler(FullDefinition("other"));
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);
        var first = Store.StartCrawlRun("c", start);
        Store.FinishCrawlRun(first, start.AddSeconds(2), CrawlRunStatus.Succeeded, new CrawlRunCounts(3, 1, 2, 10, 4, 5), "2 files skipped");
        var second = Store.StartCrawlRun("C", start.AddMinutes(1));
        Store.StartCrawlRun("other", start);

        var runs = Store.ListCrawlRuns("c");
        Assert.Equal([second, first], runs.Select(r => r.Id));
        Assert.Equal(new CrawlRun(second, "c", start.AddMinutes(1), null, CrawlRunStatus.Running, CrawlRunCounts.None, null), runs[0]);
        Assert.Equal(new CrawlRun(first, "c", start, start.AddSeconds(2), CrawlRunStatus.Succeeded, new CrawlRunCounts(3, 1, 2, 10, 4, 5), "2 files skipped"), runs[1]);

        Store.FinishCrawlRun(second, start.AddMinutes(2), CrawlRunStatus.Failed, CrawlRunCounts.None, "Storage error: cannot list s3://x/");
        Assert.Equal(CrawlRunStatus.Failed, Store.ListCrawlRuns("c", limit: 1).Single().Status);

        Store.DeleteCrawler("c");
        Assert.Null(Store.GetCrawler("c"));
        Assert.Throws<NotFoundException>(() => Store.ListCrawlRuns("c"));
        Assert.Throws<NotFoundException>(() => Store.DeleteCrawler("c"));
        Assert.Throws<NotFoundException>(() => Store.StartCrawlRun("c", start));
        Assert.Single(Store.ListCrawlRuns("other"));
    }
}
