using System.IO.Compression;
using System.Text;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Metastore.Crawlers;
using Xunit;

namespace QueryEngine.Metastore.Tests.Crawlers;

/// <summary>A crawl of a hand-made lake gives exactly the expected catalog, and the crawled tables answer queries.</summary>
public sealed class CrawlerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly InMemoryCatalog _catalog = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ALakeBecomesTablesPartitionsAndReportedSkips()
    {
        Write("sales/year=2023/a.csv", "id,amount,day\n1,2.5,2023-01-01\n2,3,2023-01-02\n");
        Write("sales/year=2024/b.csv", "id,amount,day,note\n3,4.5,2024-01-01,x\n4,5,2024-02-01,\"y, z\"\n");
        Write("sales/_SUCCESS", "");
        Write("sales/year=2024/.b.csv.crc", "crc");
        Write("events/e.json", "{\"user\": \"a\", \"n\": 1, \"tags\": [\"x\"], \"geo\": {\"lat\": 1.5}}\n{\"user\": \"b\", \"n\": 2.5}\n");
        Write("events/empty.json", "");
        WriteGzip("people/p.tsv.gz", "ann\t31\ttrue\nbob\t42\tfalse\n");
        Write("orders/orders.tbl", "1|36901|O|173665.47|1996-01-02|\n2|78002|O|46929.18|1996-12-01|\n");
        Write("logs/2024/01/02/l.csv", "level,code\ninfo,1\nwarn,2\n");
        Write("logs/2024/01/03/l.csv", "level,code\nerror,3\n");
        Write("mixed/a/x.csv", "p,q\n1,2\n3,4\n");
        Write("mixed/b/y.json", "{\"z\": 1}\n");
        Write("scratch/tmp.csv", "a,b\n1,2\n");
        Write("bad/b.csv.gz", "\u001f\u008bnot gzip");

        var report = Crawl(new CrawlRequest("lake", [_dir.Path], ["scratch/**"], TablePrefix: "raw_"));

        Assert.Equal(["raw_a", "raw_b", "raw_events", "raw_logs", "raw_orders", "raw_people", "raw_sales"], report.TablesCreated.Order(StringComparer.Ordinal));
        Assert.Equal(9, report.FilesClassified);
        Assert.Equal(2, report.Skipped.Count);
        Assert.Contains(report.Skipped, s => s.Path.EndsWith("empty.json", StringComparison.Ordinal) && s.Reason == "empty file");
        Assert.Contains(report.Skipped, s => s.Path.EndsWith("b.csv.gz", StringComparison.Ordinal) && s.Reason.Contains("invalid gzip data", StringComparison.Ordinal));

        var sales = _catalog.GetTable("lake", "raw_sales")!;
        Assert.Equal("id bigint, amount double, day date, note string", Columns(sales.Columns));
        Assert.Equal("year string", Columns(sales.PartitionKeys));
        Assert.Equal(StorageInfo.Formats.OpenCsvSerde, sales.Storage.SerdeLibrary);
        Assert.Equal("1", sales.Parameters["skip.header.line.count"]);
        Assert.Equal("csv", sales.Parameters["classification"]);
        Assert.Equal(Path.Combine(_dir.Path, "sales") + "/", sales.Storage.Location);

        var events = _catalog.GetTable("lake", "raw_events")!;
        Assert.Equal("user string, n double, tags array<string>, geo struct<lat:double>", Columns(events.Columns));
        Assert.Equal(StorageInfo.Formats.OpenXJsonSerde, events.Storage.SerdeLibrary);

        var people = _catalog.GetTable("lake", "raw_people")!;
        Assert.Equal("col1 string, col2 bigint, col3 boolean", Columns(people.Columns));
        Assert.Equal("\t", people.Storage.SerdeParameters["field.delim"]);
        Assert.Equal("gzip", people.Parameters["compressionType"]);

        var orders = _catalog.GetTable("lake", "raw_orders")!;
        Assert.Equal("col1 bigint, col2 bigint, col3 string, col4 double, col5 date", Columns(orders.Columns));
        Assert.Equal("|", orders.Storage.SerdeParameters["field.delim"]);

        var logs = _catalog.GetTable("lake", "raw_logs")!;
        Assert.Equal("level string, code bigint", Columns(logs.Columns));
        Assert.Equal("partition_0 string, partition_1 string, partition_2 string", Columns(logs.PartitionKeys));
        Assert.Equal(["partition_0=2024/partition_1=01/partition_2=02", "partition_0=2024/partition_1=01/partition_2=03"], _catalog.ListPartitionNames("lake", "raw_logs"));
        Assert.Equal(Path.Combine(_dir.Path, "logs", "2024", "01", "03") + "/", _catalog.GetPartition("lake", "raw_logs", ["2024", "01", "03"])!.Storage!.Location);
        Assert.Equal(["year=2023", "year=2024"], _catalog.ListPartitionNames("lake", "raw_sales"));
        Assert.Equal(4, report.PartitionsAdded);

        // Folders of different formats are separate tables named after themselves.
        Assert.Equal("p bigint, q bigint", Columns(_catalog.GetTable("lake", "raw_a")!.Columns));
        Assert.Equal("z bigint", Columns(_catalog.GetTable("lake", "raw_b")!.Columns));

        var session = new QuerySession(_catalog, new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions { DefaultDatabase = "lake" });
        Assert.Equal("1 2.5 2023-01-01 NULL 2023|2 3 2023-01-02 NULL 2023|3 4.5 2024-01-01 x 2024|4 5 2024-02-01 y, z 2024",
            Rows(session, "SELECT * FROM raw_sales ORDER BY id"));
        Assert.Equal("a 1 [x] {lat=1.5}|b 2.5 NULL NULL", Rows(session, "SELECT * FROM raw_events ORDER BY user"));
        Assert.Equal("73", Rows(session, "SELECT sum(col2) FROM raw_people"));
        Assert.Equal("2 3 1996-12-01", Rows(session, "SELECT count(*), sum(col1), max(col5) FROM raw_orders"));
        Assert.Equal("03 error 3", Rows(session, "SELECT partition_2, level, code FROM raw_logs WHERE partition_2 = '03'"));
    }

    [Fact]
    public void ParquetFilesAreTablesWithTheirFootersSchema()
    {
        foreach (var table in new[] { "nation", "region" })
        {
            var source = Directory.GetFiles(Path.Combine(Engine.Tests.TestSupport.SharedData.TpchRoot, "data", "sf0.01-parquet", table)).Single();
            var target = _dir.Combine("tpch", table, Path.GetFileName(source));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
        var report = Crawl(new CrawlRequest("pq", [_dir.Combine("tpch")], []));
        Assert.Equal(["nation", "region"], report.TablesCreated.Order(StringComparer.Ordinal));
        var nation = _catalog.GetTable("pq", "nation")!;
        Assert.Equal(StorageInfo.Formats.ParquetSerde, nation.Storage.SerdeLibrary);
        Assert.Equal("parquet", nation.Parameters["classification"]);
        Assert.Equal(["n_nationkey", "n_name", "n_regionkey", "n_comment"], nation.Columns.Select(c => c.Name));
        var session = new QuerySession(_catalog, new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions { DefaultDatabase = "pq" });
        Assert.Equal("25 5", Rows(session, "SELECT count(*), count(DISTINCT r_name) FROM nation JOIN region ON n_regionkey = r_regionkey"));
    }

    [Fact]
    public void NewPartitionsAndColumnsAreAddedIncrementally()
    {
        Write("clicks/dt=2024-01-01/a.json", "{\"page\": \"/\", \"ms\": 1, \"user\": \"u\"}\n{\"page\": \"/b\", \"ms\": 3, \"user\": \"v\"}\n");
        Write("clicks/dt=2024-01-02/a.json", "{\"page\": \"/c\", \"ms\": 2, \"user\": \"u\"}\n");
        var first = Crawl(new CrawlRequest("web", [_dir.Combine("clicks")], []));
        Assert.Equal(["clicks"], first.TablesCreated);
        Assert.Equal(2, first.PartitionsAdded);

        // A column added in a later partition: 3 of 4 columns in common keeps the folders one table (over 70%).
        Write("clicks/dt=2024-01-03/a.json", "{\"page\": \"/d\", \"ms\": 5, \"user\": \"w\", \"referrer\": \"x\"}\n");
        var second = Crawl(new CrawlRequest("web", [_dir.Combine("clicks")], []));
        Assert.Equal(["clicks"], second.TablesUpdated);
        Assert.Equal(1, second.PartitionsAdded);
        Assert.Equal("page string, ms bigint, user string, referrer string", Columns(_catalog.GetTable("web", "clicks")!.Columns));
        var session = new QuerySession(_catalog, new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions { DefaultDatabase = "web" });
        Assert.Equal("4 11 1", Rows(session, "SELECT count(*), sum(ms), count(referrer) FROM clicks"));

        var third = Crawl(new CrawlRequest("web", [_dir.Combine("clicks")], []));
        Assert.Equal(["clicks"], third.TablesUnchanged);
        Assert.Equal(0, third.PartitionsAdded);
    }

    [Fact]
    public void ASecondCrawlLeavesUnchangedTablesAloneAndUpdatesChangedOnes()
    {
        Write("t/a.csv", "k,v\n1,x\n2,y\n");
        Write("u/a.csv", "k,w\n1,2\n3,4\n");
        Assert.Equal(2, Crawl(new CrawlRequest("db", [_dir.Path], [])).TablesCreated.Count);

        Write("t/b.csv", "k,v,extra\n3,z,1.5\n");
        var second = Crawl(new CrawlRequest("db", [_dir.Path], []));
        Assert.Equal(["t"], second.TablesUpdated);
        Assert.Equal(["u"], second.TablesUnchanged);
        Assert.Equal("k bigint, v string, extra double", Columns(_catalog.GetTable("db", "t")!.Columns));
    }

    private CrawlReport Crawl(CrawlRequest request) => new Crawler(_catalog, _ => new LocalObjectStore()).Run(request);

    private void Write(string relative, string text)
    {
        var path = _dir.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, text.Select(c => (byte)c).ToArray());
    }

    private void WriteGzip(string relative, string text)
    {
        var path = _dir.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(text));
    }

    private static string Columns(IEnumerable<ColumnInfo> columns) => string.Join(", ", columns.Select(c => c.Name + " " + c.HiveType));

    private static string Rows(QuerySession session, string sql)
    {
        var result = session.Execute(sql);
        var rows = new List<string>();
        foreach (var batch in result.Batches)
        {
            for (var r = 0; r < batch.RowCount; r++)
            {
                rows.Add(string.Join(' ', Enumerable.Range(0, batch.Columns.Count).Select(c => Engine.Columnar.ValueFormatter.Format(batch.Columns[c], r))));
            }
        }
        return string.Join('|', rows);
    }
}
