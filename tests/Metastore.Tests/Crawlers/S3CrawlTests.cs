using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Tests.TestSupport;
using QueryEngine.Metastore.Crawlers;
using Xunit;

namespace QueryEngine.Metastore.Tests.Crawlers;

/// <summary>A crawl of an s3:// prefix (s3rver) gives the same catalog as a crawl of the same files in a local folder.</summary>
public sealed class S3CrawlTests(S3rverFixture s3) : IClassFixture<S3rverFixture>, IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AnS3PrefixCrawlsToTheSameCatalogAsTheLocalFolder()
    {
        var local = _dir.Combine("lake");
        Write("sales/year=2023/a.csv", "id,amount,day\n1,2.5,2023-01-01\n2,3,2023-01-02\n");
        Write("sales/year=2024/b.csv", "id,amount,day,note\n3,4.5,2024-01-01,x\n4,5,2024-02-01,\"y, z\"\n");
        Write("sales/_SUCCESS", "");
        Write("events/2024/01/e.json", "{\"user\": \"a\", \"n\": 1, \"tags\": [\"x\"]}\n");
        Write("events/2024/02/e.json", "{\"user\": \"b\", \"n\": 2.5, \"tags\": []}\n");
        Write("orders/orders.tbl", "1|36901|O|173665.47|1996-01-02|\n2|78002|O|46929.18|1996-12-01|\n");
        Write("scratch/x.csv", "a,b\n1,2\n");
        var nation = Directory.GetFiles(Path.Combine(SharedData.TpchRoot, "data", "sf0.01-parquet", "nation")).Single();
        Directory.CreateDirectory(Path.Combine(local, "nation"));
        File.Copy(nation, Path.Combine(local, "nation", "part-0.parquet"));

        var prefix = $"s3://{S3rverFixture.Bucket}/{Guid.NewGuid():N}/lake/";
        using (var store = s3.NewStore())
        {
            foreach (var file in Directory.GetFiles(local, "*", SearchOption.AllDirectories))
            {
                using var output = store.Create(prefix + Path.GetRelativePath(local, file).Replace('\\', '/'));
                using var input = File.OpenRead(file);
                input.CopyTo(output);
            }
        }

        var catalog = new InMemoryCatalog();
        // Two keys per ListObjectsV2 page: the crawl of the prefix pages through the listing (continuation tokens).
        var resolver = ObjectStoreResolver.WithS3(s3.Settings with { ListPageSize = 2 });
        var crawler = new Crawler(catalog, resolver.Resolve);
        var fromLocal = crawler.Run(new CrawlRequest("local", [local], ["scratch/**"]));
        var fromS3 = crawler.Run(new CrawlRequest("remote", [prefix], ["scratch/**"]));

        Assert.Equal(["events", "nation", "orders", "sales"], fromLocal.TablesCreated.Order(StringComparer.Ordinal));
        Assert.Equal(fromLocal.TablesCreated.Order(StringComparer.Ordinal), fromS3.TablesCreated.Order(StringComparer.Ordinal));
        Assert.Equal(fromLocal.FilesClassified, fromS3.FilesClassified);
        Assert.Equal(fromLocal.PartitionsAdded, fromS3.PartitionsAdded);
        Assert.Equal(catalog.ListTables("local"), catalog.ListTables("remote"));
        foreach (var name in catalog.ListTables("local"))
        {
            Assert.Equal(Describe(catalog, "local", name, local + "/"), Describe(catalog, "remote", name, prefix));
        }

        var session = new QuerySession(catalog, new FileTableSourceFactory(resolver), new SessionOptions { DefaultDatabase = "remote" });
        Assert.Equal(Rows(session, "SELECT id, amount, note, year FROM local.sales ORDER BY id"), Rows(session, "SELECT id, amount, note, year FROM remote.sales ORDER BY id"));
        Assert.Equal("25", Rows(session, "SELECT count(*) FROM remote.nation"));
        Assert.Equal("3.5", Rows(session, "SELECT sum(n) FROM remote.events"));
    }

    /// <summary>Everything about a table and its partitions, with its target's location replaced by "TARGET/".</summary>
    private static string Describe(ICatalog catalog, string database, string name, string target)
    {
        var table = catalog.GetTable(database, name)!;
        string Relative(string? location) => location is null ? "null" : location.StartsWith(target, StringComparison.Ordinal) ? "TARGET/" + location[target.Length..] : location;
        var lines = new List<string>
        {
            string.Join(", ", table.Columns.Select(c => c.Name + " " + c.HiveType)),
            string.Join(", ", table.PartitionKeys.Select(c => c.Name + " " + c.HiveType)),
            Relative(table.Storage.Location),
            $"{table.Storage.InputFormat} {table.Storage.OutputFormat} {table.Storage.SerdeLibrary}",
            string.Join(", ", table.Storage.SerdeParameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")),
            string.Join(", ", table.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")),
        };
        foreach (var partition in catalog.ListPartitions(database, name))
        {
            lines.Add($"{string.Join('/', partition.Values)} {Relative(partition.Storage?.Location)} "
                + string.Join(", ", partition.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
        }
        return string.Join('\n', lines);
    }

    private void Write(string relative, string text)
    {
        var path = _dir.Combine("lake", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

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
