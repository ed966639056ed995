using QueryEngine.Metastore.Crawlers.Definitions;
using QueryEngine.Metastore.Store.Sqlite;
using Xunit;

namespace QueryEngine.Metastore.Tests.Store.Crawlers;

public sealed class SqliteCrawlerStoreTests : CrawlerStoreContractTests
{
    private readonly TempDirectory _dir = new();
    private readonly SqliteCatalog _catalog;

    public SqliteCrawlerStoreTests() => _catalog = SqliteCatalog.OpenWarehouse(_dir.Path);

    protected override ICrawlerStore Store => _catalog;

    protected override void Dispose(bool disposing)
    {
        _catalog.Dispose();
        _dir.Dispose();
        base.Dispose(disposing);
    }

    [Fact]
    public void CrawlersSurviveAReopen()
    {
        _catalog.CreateCrawler(FullDefinition("c"));
        var run = _catalog.StartCrawlRun("c", DateTimeOffset.UnixEpoch);
        _catalog.Dispose();
        using var reopened = new SqliteCatalog(_dir.Combine("metastore.db"));
        var crawler = reopened.GetCrawler("c")!;
        Assert.Equal(["/data/lake", "s3://bucket/raw/"], crawler.Targets);
        Assert.Equal(new CsvClassifierDefinition('|', '\'', CsvHeaderSetting.Absent), crawler.Csv);
        Assert.Equal("cron(15 12 * * ? *)", crawler.Schedule);
        Assert.Equal([run], reopened.ListCrawlRuns("c").Select(r => r.Id));
    }
}
