using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Storage;
using QueryEngine.Metastore.Crawlers;
using Xunit;

namespace QueryEngine.Metastore.Tests.Crawlers;

/// <summary>
/// Avro files (written by avsc, tests/interop/avro-write.mjs) become tables with the schema of their header; ORC files
/// are recognized by their magic bytes and recorded with classification orc, though the engine cannot read either.
/// </summary>
public sealed class AvroOrcCrawlTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AvroFilesAreTablesWithTheirHeadersSchema()
    {
        Directory.CreateDirectory(_dir.Combine("lake", "sales", "part=1"));
        Directory.CreateDirectory(_dir.Combine("lake", "sales", "part=2"));
        NodeScripts.Run("avro-write.mjs", _dir.Combine("lake", "sales", "part=1", "a.avro"));
        NodeScripts.Run("avro-write.mjs", _dir.Combine("lake", "sales", "part=2", "b.avro"), "deflate");
        Directory.CreateDirectory(_dir.Combine("lake", "events"));
        // An ORC file as far as the classifier looks: the "ORC" magic at the start.
        File.WriteAllBytes(_dir.Combine("lake", "events", "e.orc"), [(byte)'O', (byte)'R', (byte)'C', 0x0a, 0x00, 0x03]);

        var catalog = new InMemoryCatalog();
        var report = new Crawler(catalog, _ => new LocalObjectStore()).Run(new CrawlRequest("lake", [_dir.Combine("lake")], []));

        Assert.Equal(["events", "sales"], report.TablesCreated.Order(StringComparer.Ordinal));
        Assert.Empty(report.Skipped);
        var sales = catalog.GetTable("lake", "sales")!;
        Assert.Equal(
            "id bigint, name string, score double, flag boolean, small int, ratio float, raw binary, tags array<string>, "
            + "attrs map<string,bigint>, kind string, hash binary, address struct<city:string,zip:int>, "
            + "billing struct<city:string,zip:int>, day date, at timestamp, amount decimal(10,2)",
            string.Join(", ", sales.Columns.Select(c => c.Name + " " + c.HiveType)));
        Assert.Equal("avro", sales.Parameters["classification"]);
        Assert.Equal("org.apache.hadoop.hive.serde2.avro.AvroSerDe", sales.Storage.SerdeLibrary);
        Assert.Equal("org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat", sales.Storage.InputFormat);
        Assert.Equal(["part=1", "part=2"], catalog.ListPartitionNames("lake", "sales"));

        var events = catalog.GetTable("lake", "events")!;
        Assert.Equal("orc", events.Parameters["classification"]);
        Assert.Equal("org.apache.hadoop.hive.ql.io.orc.OrcSerde", events.Storage.SerdeLibrary);
        Assert.Empty(events.Columns);
    }

    [Fact]
    public void ACorruptAvroHeaderIsReportedAndSkipped()
    {
        Directory.CreateDirectory(_dir.Combine("lake", "t"));
        // Magic, then a metadata map announcing one entry whose key length runs past the end of the file.
        File.WriteAllBytes(_dir.Combine("lake", "t", "bad.avro"), [(byte)'O', (byte)'b', (byte)'j', 1, 0x02, 0x7e]);
        var report = new Crawler(new InMemoryCatalog(), _ => new LocalObjectStore()).Run(new CrawlRequest("lake", [_dir.Combine("lake")], []));
        Assert.Empty(report.TablesCreated);
        var (path, reason) = Assert.Single(report.Skipped);
        Assert.Equal(_dir.Combine("lake", "t", "bad.avro"), path);
        Assert.Contains("the Avro header is cut off or has a bad length", reason, StringComparison.Ordinal);
    }
}
