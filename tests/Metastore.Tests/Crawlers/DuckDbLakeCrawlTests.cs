using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Metastore.Crawlers;
using QueryEngine.Metastore.Hms;
using QueryEngine.Metastore.Store.Sqlite;
using Xunit;

namespace QueryEngine.Metastore.Tests.Crawlers;

/// <summary>
/// A lake written by DuckDB (tests/interop/crawler-lake.mjs: Hive-partitioned Parquet from COPY ... PARTITION_BY, CSV
/// with and without header, JSON lines, unnamed date folders, _SUCCESS and .crc clutter) is crawled into the expected
/// catalog, and our engine's answers over the crawled tables equal DuckDB's over the same files.
/// </summary>
public sealed class DuckDbLakeCrawlTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ADuckDbLakeCrawlsToTheExpectedTablesThatAnswerAsDuckDbDoes()
    {
        var lake = _dir.Combine("lake");
        Directory.CreateDirectory(lake);
        NodeScripts.Run("crawler-lake.mjs", lake);

        var catalog = new InMemoryCatalog();
        var report = new Crawler(catalog, _ => new LocalObjectStore()).Run(new CrawlRequest("lake", [lake], []));

        Assert.Equal(["clicks", "events", "logs", "people", "scores"], report.TablesCreated.Order(StringComparer.Ordinal));
        Assert.Empty(report.Skipped);
        Assert.Equal(8, report.FilesClassified);
        Assert.Equal(5, report.PartitionsAdded);
        Assert.Equal(
            "page string, ms bigint, user string, referrer string | dt string | parquet",
            Describe(catalog, "clicks"));
        Assert.Equal(["dt=2024-01-01", "dt=2024-01-02", "dt=2024-01-03"], catalog.ListPartitionNames("lake", "clicks"));
        Assert.Equal("name string, age bigint, active boolean |  | csv", Describe(catalog, "people"));
        Assert.Equal("1", catalog.GetTable("lake", "people")!.Parameters["skip.header.line.count"]);
        Assert.Equal("col1 bigint, col2 string, col3 double |  | csv", Describe(catalog, "scores"));
        Assert.False(catalog.GetTable("lake", "scores")!.Parameters.ContainsKey("skip.header.line.count"));
        Assert.Equal("id bigint, detail struct<name:string,tags:array<string>> |  | json", Describe(catalog, "events"));
        Assert.Equal("level string, code bigint | partition_0 string, partition_1 string, partition_2 string | csv", Describe(catalog, "logs"));
        Assert.Equal(["partition_0=2024/partition_1=01/partition_2=02", "partition_0=2024/partition_1=01/partition_2=03"], catalog.ListPartitionNames("lake", "logs"));

        string Files(string glob) => Path.Combine(lake, glob).Replace("'", "''", StringComparison.Ordinal);
        var clicks = $"read_parquet('{Files("clicks/*/*.parquet")}', hive_partitioning = true, hive_types_autocast = false, union_by_name = true)";
        var people = $"read_csv('{Files("people/*.csv")}', header = true)";
        var scores = $"read_csv('{Files("scores/*.csv")}', header = false)";
        var events = $"read_json('{Files("events/*.json")}')";
        var logs = $"read_csv('{Files("logs/*/*/*/*.csv")}', header = true)";
        (string Ours, string DuckDb)[] queries =
        [
            ("SELECT count(*) FROM clicks", $"SELECT count(*) FROM {clicks}"),
            ("SELECT sum(ms) FROM clicks", $"SELECT sum(ms) FROM {clicks}"),
            ("SELECT count(referrer) FROM clicks", $"SELECT count(referrer) FROM {clicks}"),
            ("SELECT count(DISTINCT dt) FROM clicks", $"SELECT count(DISTINCT dt) FROM {clicks}"),
            ("SELECT max(page) FROM clicks WHERE dt = '2024-01-02'", $"SELECT max(page) FROM {clicks} WHERE dt = '2024-01-02'"),
            ("SELECT sum(ms) FROM clicks WHERE \"user\" = 'user3'", $"SELECT sum(ms) FROM {clicks} WHERE \"user\" = 'user3'"),
            ("SELECT count(*) FROM people", $"SELECT count(*) FROM {people}"),
            ("SELECT sum(age) FROM people WHERE active", $"SELECT sum(age) FROM {people} WHERE active"),
            ("SELECT min(name) FROM people", $"SELECT min(name) FROM {people}"),
            ("SELECT count(*) FROM scores", $"SELECT count(*) FROM {scores}"),
            ("SELECT sum(col1) FROM scores WHERE col2 = 'team1'", $"SELECT sum(column0) FROM {scores} WHERE column1 = 'team1'"),
            ("SELECT CAST(sum(col3) * 10 AS bigint) FROM scores", $"SELECT CAST(sum(column2) * 10 AS bigint) FROM {scores}"),
            ("SELECT count(*) FROM events", $"SELECT count(*) FROM {events}"),
            ("SELECT sum(id) FROM events", $"SELECT sum(id) FROM {events}"),
            ("SELECT max(detail.name) FROM events", $"SELECT max(detail.name) FROM {events}"),
            ("SELECT count(*) FROM logs", $"SELECT count(*) FROM {logs}"),
            ("SELECT sum(code) FROM logs WHERE level = 'warn'", $"SELECT sum(code) FROM {logs} WHERE level = 'warn'"),
        ];
        var expected = NodeScripts.Run("parquet-query.mjs", queries.Select(q => q.DuckDb).ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var session = new QuerySession(catalog, new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions { DefaultDatabase = "lake" });
        var actual = queries.Select(q => Scalar(session, q.Ours)).ToList();
        Assert.Equal(queries.Length, expected.Length);
        Assert.Equal(expected, actual);
        // Glue's recordCount: the Parquet footers' row counts, as many rows as DuckDB counts; each partition its own.
        Assert.Equal(expected[0], catalog.GetTable("lake", "clicks")!.Parameters["recordCount"]);
        Assert.Equal(expected[0], catalog.ListPartitions("lake", "clicks").Sum(p => long.Parse(p.Parameters["recordCount"], System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The clicks partition with the added column (referrer) lands after a first crawl: the re-crawl adds the column
    /// to the table and registers the new partition with it, the partitions already registered keep their columns (in
    /// the SQLite metastore and over the Hive Metastore API), and queries give NULL for referrer in the old partitions,
    /// as DuckDB reading the files by name does.
    /// </summary>
    [Fact]
    public void PartitionsRegisteredBeforeAColumnWasAddedKeepTheirColumns()
    {
        var lake = _dir.Combine("lake");
        Directory.CreateDirectory(lake);
        NodeScripts.Run("crawler-lake.mjs", lake);
        var clicksFolder = Path.Combine(lake, "clicks");
        var late = Path.Combine(clicksFolder, "dt=2024-01-03");
        Directory.Move(late, _dir.Combine("landing"));
        using var catalog = SqliteCatalog.OpenWarehouse(_dir.Combine("warehouse"));
        var crawler = new Crawler(catalog, _ => new LocalObjectStore());
        var request = new CrawlRequest("lake", [clicksFolder], []);
        crawler.Run(request);
        const string Before = "page string, ms bigint, user string";
        Assert.Equal(Before + " | dt string | parquet", Describe(catalog, "clicks"));

        Directory.Move(_dir.Combine("landing"), late);
        var second = crawler.Run(request);

        Assert.Equal(["clicks"], second.TablesUpdated);
        Assert.Equal(1, second.PartitionsAdded);
        var table = catalog.GetTable("lake", "clicks")!;
        Assert.Equal(Before + ", referrer string | dt string | parquet", Describe(catalog, "clicks"));
        var partitions = catalog.ListPartitions("lake", "clicks");
        Assert.Equal([Before, Before, "(the table's)"], partitions.Select(p => p.Columns is null ? "(the table's)" : string.Join(", ", p.Columns.Select(c => c.Name + " " + c.HiveType))));
        Assert.Equal(["page", "ms", "user"], HmsPartitionConverter.ToThrift(table, partitions[0]).Sd!.Columns.Select(c => c.Name));
        Assert.Equal(["page", "ms", "user", "referrer"], HmsPartitionConverter.ToThrift(table, partitions[2]).Sd!.Columns.Select(c => c.Name));

        var clicks = $"read_parquet('{Path.Combine(clicksFolder, "*/*.parquet").Replace("'", "''", StringComparison.Ordinal)}', hive_partitioning = true, hive_types_autocast = false, union_by_name = true)";
        (string Ours, string DuckDb)[] queries =
        [
            ("SELECT count(*) FROM clicks WHERE referrer IS NULL", $"SELECT count(*) FROM {clicks} WHERE referrer IS NULL"),
            ("SELECT count(referrer) FROM clicks WHERE dt < '2024-01-03'", $"SELECT count(referrer) FROM {clicks} WHERE dt < '2024-01-03'"),
            ("SELECT count(referrer) FROM clicks", $"SELECT count(referrer) FROM {clicks}"),
            ("SELECT sum(ms) FROM clicks WHERE referrer IS NULL", $"SELECT sum(ms) FROM {clicks} WHERE referrer IS NULL"),
        ];
        var expected = NodeScripts.Run("parquet-query.mjs", queries.Select(q => q.DuckDb).ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var session = new QuerySession(catalog, new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions { DefaultDatabase = "lake" });
        Assert.Equal(expected, queries.Select(q => Scalar(session, q.Ours)));
        Assert.Equal("0", expected[1]);
    }

    private static string Describe(ICatalog catalog, string name)
    {
        var table = catalog.GetTable("lake", name)!;
        return $"{string.Join(", ", table.Columns.Select(c => c.Name + " " + c.HiveType))} | "
            + $"{string.Join(", ", table.PartitionKeys.Select(c => c.Name + " " + c.HiveType))} | {table.Parameters["classification"]}";
    }

    private static string Scalar(QuerySession session, string sql)
    {
        var result = session.Execute(sql);
        var batch = result.Batches.First(b => b.RowCount > 0);
        return Engine.Columnar.ValueFormatter.Format(batch.Columns[0], 0);
    }
}
