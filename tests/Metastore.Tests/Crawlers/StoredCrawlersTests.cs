using QueryEngine.Engine.Common;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Storage.S3;
using QueryEngine.Metastore.Crawlers;
using QueryEngine.Metastore.Crawlers.Definitions;
using QueryEngine.Metastore.Store.Sqlite;
using Xunit;

namespace QueryEngine.Metastore.Tests.Crawlers;

/// <summary>Stored crawlers run with their policies, and every run lands in their history with its counts or error.</summary>
public sealed class StoredCrawlersTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SqliteCatalog _catalog;
    private readonly StoredCrawlers _crawlers;

    public StoredCrawlersTests()
    {
        _catalog = SqliteCatalog.OpenWarehouse(_dir.Combine("warehouse"));
        _crawlers = new StoredCrawlers(_catalog, _catalog, _ => new LocalObjectStore());
    }

    public void Dispose()
    {
        _catalog.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void RunsRecordTheirCountsAndAFirstThenASecondCrawlDifferAsExpected()
    {
        Write("lake/sales/dt=1/a.csv", "id;amount;day;shop\n1;2.5;2024-01-01;a\n2;3;2024-01-01;b\n");
        Write("lake/sales/dt=2/a.csv", "id;amount;day;shop\n3;4;2024-01-02;a\n");
        Write("lake/old/a.csv", "x;y\n1;2\n");
        Write("lake/keep/a.json", "{\"k\": 1}\n");
        Write("lake/junk/_SUCCESS", "");
        _catalog.CreateCrawler(new CrawlerDefinition("nightly", "lake", [_dir.Combine("lake")], ["junk/**"])
        {
            TablePrefix = "raw_",
            Csv = new CsvClassifierDefinition(';', '"', CsvHeaderSetting.Present),
            SchemaChange = new SchemaChangePolicy(SchemaUpdateBehavior.UpdateInDatabase, DeletedObjectBehavior.Delete),
        });

        var (firstId, first) = _crawlers.Run("NIGHTLY");
        Assert.Equal(["raw_keep", "raw_old", "raw_sales"], first.TablesCreated.Order(StringComparer.Ordinal));
        Assert.Equal("nightly", _catalog.GetTable("lake", "raw_sales")!.Parameters[OwnedTables.CrawlerParameter]);
        Assert.Equal(";", _catalog.GetTable("lake", "raw_sales")!.Parameters["delimiter"]);

        Write("lake/sales/dt=3/a.csv", "id;amount;day;shop;note\n4;5;2024-01-03;c;x\n");
        Directory.Delete(_dir.Combine("lake", "old"), recursive: true);
        Write("lake/bad/a.csv.gz", "\u001f\u008bnot gzip");
        var (secondId, _) = _crawlers.Run("nightly");

        var runs = _catalog.ListCrawlRuns("nightly");
        Assert.Equal([secondId, firstId], runs.Select(r => r.Id));
        Assert.All(runs, r => Assert.Equal(CrawlRunStatus.Succeeded, r.Status));
        Assert.All(runs, r => Assert.True(r.EndTime >= r.StartTime));
        Assert.Equal(new CrawlRunCounts(3, 0, 0, 2, 0, 0), runs[1].Counts);
        Assert.Equal(new CrawlRunCounts(0, 1, 1, 1, 0, 1), runs[0].Counts);
        Assert.Null(runs[1].Message);
        Assert.Equal($"skipped {_dir.Combine("lake", "bad", "a.csv.gz")}: ", runs[0].Message![..(runs[0].Message!.IndexOf(": ", StringComparison.Ordinal) + 2)]);
        Assert.Contains("invalid gzip data", runs[0].Message, StringComparison.Ordinal);
        Assert.Equal("id bigint, amount double, day date, shop string, note string", string.Join(", ", _catalog.GetTable("lake", "raw_sales")!.Columns.Select(c => c.Name + " " + c.HiveType)));
        Assert.Null(_catalog.GetTable("lake", "raw_old"));
    }

    [Fact]
    public void AFailedRunIsRecordedWithItsErrorAndRethrown()
    {
        // An S3 endpoint nothing listens on: listing fails.
        var unreachable = new S3Settings { Endpoint = "http://127.0.0.1:1", PathStyle = true, AccessKey = "k", SecretKey = "s", MaxRetries = 0 };
        var crawlers = new StoredCrawlers(_catalog, _catalog, ObjectStoreResolver.WithS3(unreachable).Resolve);
        _catalog.CreateCrawler(new CrawlerDefinition("broken", "lake", ["s3://bucket/missing/"], []));
        var thrown = Assert.ThrowsAny<QueryException>(() => crawlers.Run("broken"));
        var run = Assert.Single(_catalog.ListCrawlRuns("broken"));
        Assert.Equal(CrawlRunStatus.Failed, run.Status);
        Assert.Equal(thrown.Message, run.Message);
        Assert.Contains("s3://bucket/missing/", run.Message, StringComparison.Ordinal);
        Assert.Throws<NotFoundException>(() => _crawlers.Run("nope"));
    }

    [Fact]
    public void CrawlersAreDueWhenTheirScheduleFiredSinceTheirLastRun()
    {
        Write("lake/t/a.csv", "a,b\n1,2\n");
        _catalog.CreateCrawler(new CrawlerDefinition("every-minute", "lake", [_dir.Combine("lake")], []) { Schedule = "cron(* * * * ? *)" });
        _catalog.CreateCrawler(new CrawlerDefinition("yearly", "lake", [_dir.Combine("lake")], []) { Schedule = "cron(0 0 1 1 ? *)" });
        _catalog.CreateCrawler(new CrawlerDefinition("manual", "lake", [_dir.Combine("lake")], []));
        var created = _catalog.GetCrawler("every-minute")!.CreateTime;

        Assert.Empty(_crawlers.Due(created));
        Assert.Equal(["every-minute"], _crawlers.Due(created.AddMinutes(1)).Select(c => c.Name));
        Assert.Equal(["every-minute", "yearly"], _crawlers.Due(created.AddYears(1)).Select(c => c.Name));

        _crawlers.Run("every-minute");
        var started = _catalog.ListCrawlRuns("every-minute").Single().StartTime;
        Assert.DoesNotContain(_crawlers.Due(started), c => c.Name == "every-minute");
        Assert.Contains(_crawlers.Due(started.AddMinutes(1)), c => c.Name == "every-minute");
    }

    private void Write(string relative, string text)
    {
        var path = _dir.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, text.Select(c => (byte)c).ToArray());
    }
}
