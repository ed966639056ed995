using QueryEngine.Engine.Catalog;
using QueryEngine.Metastore.Crawlers;
using QueryEngine.Metastore.Crawlers.Definitions;
using Xunit;

namespace QueryEngine.Metastore.Tests.Crawlers;

/// <summary>Re-crawls follow the schema change policy (update or log), the delete behavior and the recrawl policy.</summary>
public sealed class CrawlPolicyTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly InMemoryCatalog _catalog = new();
    private readonly ReadRecordingStore _store = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void UpdateBehaviorUpdateRewritesAChangedTable()
    {
        Write("t/a.csv", "k,v\n1,x\n2,y\n");
        Crawl(Policy(SchemaUpdateBehavior.UpdateInDatabase, DeletedObjectBehavior.Deprecate));
        Write("t/a.csv", "k,v,w\n1,x,1.5\n2,y,2.5\n");

        var report = Crawl(Policy(SchemaUpdateBehavior.UpdateInDatabase, DeletedObjectBehavior.Deprecate));
        Assert.Equal(["t"], report.TablesUpdated);
        Assert.Empty(report.Log);
        Assert.Equal("k bigint, v string, w double", Columns(_catalog.GetTable("db", "t")!));
    }

    [Fact]
    public void UpdateBehaviorLogLeavesAChangedTableButStillAddsNewTablesAndPartitions()
    {
        Write("t/a.csv", "k,v\n1,x\n2,y\n");
        Write("p/dt=1/a.json", "{\"a\": 1, \"b\": \"x\", \"c\": 2, \"d\": 3}\n");
        Crawl(Policy(SchemaUpdateBehavior.Log, DeletedObjectBehavior.Log));
        Write("t/a.csv", "k,v,w\n1,x,1.5\n2,y,2.5\n");
        Write("p/dt=2/a.json", "{\"a\": 2, \"b\": \"y\", \"c\": 4, \"d\": 5, \"e\": true}\n");
        Write("u/a.csv", "m,n\n1,2\n3,4\n");

        var report = Crawl(Policy(SchemaUpdateBehavior.Log, DeletedObjectBehavior.Log));
        Assert.Equal(["u"], report.TablesCreated);
        Assert.Empty(report.TablesUpdated);
        Assert.Equal(["p", "t"], report.TablesUnchanged.Order(StringComparer.Ordinal));
        Assert.Equal("k bigint, v string", Columns(_catalog.GetTable("db", "t")!));
        Assert.Equal("a bigint, b string, c bigint, d bigint", Columns(_catalog.GetTable("db", "p")!));
        Assert.Equal(1, report.PartitionsAdded);
        Assert.Equal(["dt=1", "dt=2"], _catalog.ListPartitionNames("db", "p"));
        Assert.Equal(2, report.Log.Count);
        Assert.Contains(report.Log, l => l.StartsWith("table db.t: the crawl found (k bigint, v string, w double) as csv but the catalog has (k bigint, v string) as csv; left unchanged (update behavior LOG)", StringComparison.Ordinal));
        Assert.Contains(report.Log, l => l.StartsWith("table db.p: ", StringComparison.Ordinal));
    }

    [Fact]
    public void DeleteBehaviorDeprecateMarksGoneTablesAndPartitionsAndARecrawlClearsTheMark()
    {
        Write("t/a.csv", "k,v\n1,x\n2,y\n");
        Write("p/dt=1/a.csv", "k,v\n1,x\n2,y\n");
        Write("p/dt=2/a.csv", "k,v\n3,z\n");
        Crawl(Policy(SchemaUpdateBehavior.UpdateInDatabase, DeletedObjectBehavior.Deprecate));
        File.Delete(_dir.Combine("t", "a.csv"));
        Directory.Delete(_dir.Combine("p", "dt=2"), recursive: true);

        var report = Crawl(Policy(SchemaUpdateBehavior.UpdateInDatabase, DeletedObjectBehavior.Deprecate));
        Assert.Equal(["t"], report.TablesDeprecated);
        Assert.Equal("crawler", _catalog.GetTable("db", "t")!.Parameters[OwnedTables.DeprecatedParameter]);
        Assert.Equal(["dt=1", "dt=2"], _catalog.ListPartitionNames("db", "p"));
        Assert.Equal("crawler", _catalog.GetPartition("db", "p", ["2"])!.Parameters[OwnedTables.DeprecatedParameter]);
        Assert.False(_catalog.GetPartition("db", "p", ["1"])!.Parameters.ContainsKey(OwnedTables.DeprecatedParameter));
        Assert.Equal(["table db.p: 1 partition(s) without files marked DEPRECATED_BY_CRAWLER"], report.Log);

        // Deprecating is done once; files coming back make the table current again.
        Assert.Empty(Crawl(Policy(SchemaUpdateBehavior.UpdateInDatabase, DeletedObjectBehavior.Deprecate)).TablesDeprecated);
        Write("t/a.csv", "k,v\n1,x\n2,y\n");
        var back = Crawl(Policy(SchemaUpdateBehavior.UpdateInDatabase, DeletedObjectBehavior.Deprecate));
        Assert.Equal(["t"], back.TablesUpdated);
        Assert.False(_catalog.GetTable("db", "t")!.Parameters.ContainsKey(OwnedTables.DeprecatedParameter));
    }

    [Fact]
    public void DeleteBehaviorDeleteDropsGoneTablesAndPartitionsOfThisCrawlerOnly()
    {
        Write("t/a.csv", "k,v\n1,x\n2,y\n");
        Write("p/dt=1/a.csv", "k,v\n1,x\n2,y\n");
        Write("p/dt=2/a.csv", "k,v\n3,z\n");
        Crawl(Policy(SchemaUpdateBehavior.UpdateInDatabase, DeletedObjectBehavior.Delete));
        // A table of another crawler (or made by hand) under the same target is never touched.
        _catalog.CreateTable(new TableInfo("db", "mine", TableKind.External, [new ColumnInfo("x", "int")], new StorageInfo(_dir.Combine("mine") + "/", StorageInfo.Formats.TextInput, StorageInfo.Formats.TextOutput, StorageInfo.Formats.LazySimpleSerde)), ifNotExists: false);
        File.Delete(_dir.Combine("t", "a.csv"));
        Directory.Delete(_dir.Combine("p", "dt=2"), recursive: true);

        var report = Crawl(Policy(SchemaUpdateBehavior.UpdateInDatabase, DeletedObjectBehavior.Delete));
        Assert.Equal(["t"], report.TablesDeleted);
        Assert.Equal(1, report.PartitionsRemoved);
        Assert.Null(_catalog.GetTable("db", "t"));
        Assert.NotNull(_catalog.GetTable("db", "mine"));
        Assert.Empty(report.Log);
        Assert.Equal(["dt=1"], _catalog.ListPartitionNames("db", "p"));
    }

    [Fact]
    public void DeleteBehaviorLogOnlyReportsAndAFolderWithUnreadableFilesIsNotGone()
    {
        Write("t/a.csv", "k,v\n1,x\n2,y\n");
        Write("c/a.csv", "m,n,o\n1,x,2\n2,y,3\n");
        Crawl(Policy(SchemaUpdateBehavior.UpdateInDatabase, DeletedObjectBehavior.Log));
        File.Delete(_dir.Combine("t", "a.csv"));
        File.WriteAllBytes(_dir.Combine("c", "a.csv"), [0x1f, 0x8b, 1, 2, 3]);

        var report = Crawl(Policy(SchemaUpdateBehavior.UpdateInDatabase, DeletedObjectBehavior.Delete));
        Assert.Equal(["t"], report.TablesDeleted);
        Assert.NotNull(_catalog.GetTable("db", "c"));
        Assert.Single(report.Skipped);

        Write("t2/a.csv", "k,v\n1,x\n2,y\n");
        Crawl(Policy(SchemaUpdateBehavior.UpdateInDatabase, DeletedObjectBehavior.Log));
        File.Delete(_dir.Combine("t2", "a.csv"));
        var logged = Crawl(Policy(SchemaUpdateBehavior.UpdateInDatabase, DeletedObjectBehavior.Log));
        Assert.Empty(logged.TablesDeleted);
        Assert.NotNull(_catalog.GetTable("db", "t2"));
        Assert.Contains($"table db.t2: no files left under {_dir.Combine("t2")}/; left in the catalog (delete behavior LOG)", logged.Log);
    }

    [Fact]
    public void NewFoldersOnlyReadsOnlyNewFoldersAndNeverChangesExistingTables()
    {
        Write("p/dt=1/a.csv", "k,v\n1,x\n2,y\n");
        Write("p/dt=2/a.csv", "k,v\n3,z\n");
        Write("t/a.csv", "k,v\n1,x\n2,y\n");
        var request = Policy(SchemaUpdateBehavior.UpdateInDatabase, DeletedObjectBehavior.Delete) with { Recrawl = RecrawlBehavior.NewFoldersOnly };
        Assert.Equal(3, Crawl(request).FilesClassified);

        _store.Read.Clear();
        Write("p/dt=2/b.csv", "k,v\n4,w\n");                   // a new file in a known partition: not read
        Write("t/b.csv", "k,v,extra\n4,w,1\n");                // a new file in a known unpartitioned table: not read
        Write("p/dt=3/a.csv", "k,v\n5,q\n");                   // a new partition
        Write("p/dt=4/x/a.csv", "k,v\n6,q\n");                 // deeper than the partition keys: skipped
        Write("n/a.json", "{\"z\": 1}\n");                     // a new table
        File.Delete(_dir.Combine("p", "dt=1", "a.csv"));       // gone, but only logged
        var report = Crawl(request);

        Assert.Equal(["n"], report.TablesCreated);
        Assert.Equal(1, report.PartitionsAdded);
        Assert.Equal(["dt=1", "dt=2", "dt=3"], _catalog.ListPartitionNames("db", "p"));
        Assert.Equal(
            [_dir.Combine("n", "a.json"), _dir.Combine("p", "dt=3", "a.csv"), _dir.Combine("p", "dt=4", "x", "a.csv")],
            _store.Read.Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(3, report.FilesClassified);
        Assert.Equal("k bigint, v string", Columns(_catalog.GetTable("db", "t")!));
        Assert.Equal((_dir.Combine("p", "dt=4", "x", "a.csv"), "its folder is not at the depth of the partitions of table db.p"), Assert.Single(report.Skipped));
        Assert.Equal(["table db.p: 1 partition(s) without files left in the catalog (delete behavior LOG)"], report.Log);
    }

    private static CrawlRequest PolicyRequest(string target, SchemaUpdateBehavior update, DeletedObjectBehavior delete) =>
        new("db", [target], [], CrawlerName: "crawler") { SchemaChange = new SchemaChangePolicy(update, delete) };

    private CrawlRequest Policy(SchemaUpdateBehavior update, DeletedObjectBehavior delete) => PolicyRequest(_dir.Path, update, delete);

    private CrawlReport Crawl(CrawlRequest request) => new Crawler(_catalog, _ => _store).Run(request);

    private void Write(string relative, string text)
    {
        var path = _dir.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static string Columns(TableInfo table) => string.Join(", ", table.Columns.Select(c => c.Name + " " + c.HiveType));
}
