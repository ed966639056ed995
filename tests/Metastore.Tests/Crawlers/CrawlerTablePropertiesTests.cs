using System.Globalization;
using System.IO.Compression;
using System.Text;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Storage;
using QueryEngine.Metastore.Crawlers;
using Xunit;

namespace QueryEngine.Metastore.Tests.Crawlers;

/// <summary>
/// The table and partition parameters a crawl writes are Glue's: format ones (classification, compressionType,
/// delimiter, skip.header.line.count, columnsOrdered, areColumnsQuoted, typeOfData, UPDATED_BY_CRAWLER,
/// CrawlerSchema(De)SerializerVersion) and sizes (objectCount, sizeKey, recordCount, averageRecordSize), the
/// partitions' with their own sizes.
/// </summary>
public sealed class CrawlerTablePropertiesTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly InMemoryCatalog _catalog = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ACsvTableHasGluesParameters()
    {
        var text = "id,name,amount\n1,ann,2.5\n2,bob,3.5\n\n3,cy,4\n";
        Write("people/p.csv", text);
        Crawl();
        var size = Encoding.UTF8.GetByteCount(text);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["EXTERNAL"] = "TRUE",
                ["classification"] = "csv",
                ["compressionType"] = "none",
                ["typeOfData"] = "file",
                ["UPDATED_BY_CRAWLER"] = "qe-crawl",
                ["CrawlerSchemaSerializerVersion"] = "1.0",
                ["CrawlerSchemaDeserializerVersion"] = "1.0",
                ["objectCount"] = "1",
                ["sizeKey"] = size.ToString(CultureInfo.InvariantCulture),
                ["recordCount"] = "3",
                ["averageRecordSize"] = (size / 3).ToString(CultureInfo.InvariantCulture),
                ["delimiter"] = ",",
                ["skip.header.line.count"] = "1",
                ["columnsOrdered"] = "true",
                ["areColumnsQuoted"] = "false",
            },
            _catalog.GetTable("lake", "people")!.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary());
    }

    [Fact]
    public void PartitionsCarryTheFormatAndTheirOwnSizes()
    {
        Write("sales/dt=1/a.csv", "id;note\n1;\"x; y\"\n2;z\n");
        Write("sales/dt=1/b.csv", "id;note\n3;w\n");
        Write("sales/dt=2/a.csv", "id;note\n4;v\n5;u\n6;t\n");
        Crawl(_dir.Combine("sales"));
        var table = _catalog.GetTable("lake", "sales")!;
        Assert.Equal(("true", "6", "3"), (table.Parameters["areColumnsQuoted"], table.Parameters["recordCount"], table.Parameters["objectCount"]));
        var first = _catalog.GetPartition("lake", "sales", ["1"])!.Parameters;
        var second = _catalog.GetPartition("lake", "sales", ["2"])!.Parameters;
        Assert.Equal(("3", "2"), (first["recordCount"], first["objectCount"]));
        Assert.Equal(("3", "1"), (second["recordCount"], second["objectCount"]));
        Assert.Equal(long.Parse(table.Parameters["sizeKey"], CultureInfo.InvariantCulture), long.Parse(first["sizeKey"], CultureInfo.InvariantCulture) + long.Parse(second["sizeKey"], CultureInfo.InvariantCulture));
        foreach (var key in (string[])["classification", "compressionType", "delimiter", "skip.header.line.count", "typeOfData", "UPDATED_BY_CRAWLER", "CrawlerSchemaSerializerVersion", "areColumnsQuoted"])
        {
            Assert.Equal(table.Parameters[key], first[key]);
        }
        Assert.False(first.ContainsKey("EXTERNAL"));
    }

    [Fact]
    public void AGzipJsonFileIsCountedWholeAndALargeCsvIsEstimatedFromItsSample()
    {
        WriteGzip("events/e.json.gz", "{\"n\": 1}\n{\"n\": 2}\n{\"n\": 3}\n{\"n\": 4}\n");
        var big = new StringBuilder("id,label\n");
        for (var i = 0; i < 120_000; i++) big.Append(CultureInfo.InvariantCulture, $"{i},label{i % 97}\n");
        Write("big/b.csv", big.ToString());
        Crawl();
        var events = _catalog.GetTable("lake", "events")!.Parameters;
        Assert.Equal(("gzip", "4"), (events["compressionType"], events["recordCount"]));
        var estimate = long.Parse(_catalog.GetTable("lake", "big")!.Parameters["recordCount"], CultureInfo.InvariantCulture);
        Assert.InRange(estimate, 114_000, 126_000);
    }

    private void Crawl(string? target = null) => new Crawler(_catalog, _ => new LocalObjectStore()).Run(new CrawlRequest("lake", [target ?? _dir.Path], []));

    private void Write(string relative, string text)
    {
        var path = _dir.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private void WriteGzip(string relative, string text)
    {
        var path = _dir.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(text));
    }
}
