using System.Globalization;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Tests.TestSupport;
using QueryEngine.Metastore.Store.Sqlite;
using Xunit;

namespace QueryEngine.Metastore.Tests.Sql;

/// <summary>
/// MSCK REPAIR TABLE over Hive-style folders written by the test, and scans of partitioned tables that read only the
/// kept partitions' locations, with the SQLite metastore underneath.
/// </summary>
public sealed class PartitionedTableSqlTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SqliteCatalog _catalog;
    private readonly RecordingObjectStore _store = new();
    private readonly QuerySession _session;

    public PartitionedTableSqlTests()
    {
        _catalog = SqliteCatalog.OpenWarehouse(_dir.Combine("warehouse"));
        _session = new QuerySession(_catalog, new FileTableSourceFactory(_store), new SessionOptions { Warehouse = _dir.Combine("warehouse") });
    }

    public void Dispose()
    {
        _catalog.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void MsckRepairAddsTheHiveFoldersAndScansPruneBeforeListing()
    {
        var root = _dir.Combine("events");
        foreach (var day in (string[])["2024-01-01", "2024-01-02", "2024-01-03"])
        {
            foreach (var region in (string[])["eu", "us%2Feast"])
            {
                Write(Path.Combine(root, $"dt={day}", $"region={region}", "part-0.csv"), $"1,{day}-{region}\n2,second\n");
            }
        }
        Write(Path.Combine(root, "dt=2024-01-01", "region=eu", "_SUCCESS"), "");
        Write(Path.Combine(root, "junk", "file.csv"), "9,junk\n");
        Write(Path.Combine(root, "dt=2024-01-09", "no-region.csv"), "9,junk\n");
        Write(Path.Combine(root, "_tmp", "dt=2024-01-08", "region=eu", "x.csv"), "9,junk\n");

        Run($"CREATE EXTERNAL TABLE events (id int, note string) PARTITIONED BY (dt date, region string) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION '{root}'");
        var repaired = Rows("MSCK REPAIR TABLE events");
        Assert.Equal(
            ["dt=2024-01-01/region=eu", "dt=2024-01-01/region=us%2Feast", "dt=2024-01-02/region=eu", "dt=2024-01-02/region=us%2Feast", "dt=2024-01-03/region=eu", "dt=2024-01-03/region=us%2Feast"],
            repaired);
        Assert.Empty(Rows("MSCK REPAIR TABLE events"));
        Assert.Equal(6, Rows("SHOW PARTITIONS events").Count);
        var partition = _catalog.GetPartition("default", "events", ["2024-01-02", "us/east"]);
        Assert.Equal(Path.Combine(root, "dt=2024-01-02", "region=us%2Feast"), partition!.Storage!.Location);

        _store.Listed.Clear();
        Assert.Equal(["2|us/east|2024-01-02-us%2Feast", "2|us/east|second"], Rows("SELECT count(*) OVER (), region, note FROM events WHERE dt = DATE '2024-01-02' AND region = 'us/east' ORDER BY note"));
        Assert.Equal([Path.Combine(root, "dt=2024-01-02", "region=us%2Feast")], _store.Listed.ToArray());

        _store.Listed.Clear();
        Assert.Equal(["6"], Rows("SELECT count(*) FROM events WHERE dt > DATE '2024-01-01' AND region IS NOT NULL AND id = 1 OR id = 2 AND dt = DATE '2024-01-03'"));
        Assert.Equal(["12"], Rows("SELECT count(*) FROM events"));
        Assert.Equal(["2024-01-03|2"], Rows("SELECT dt, count(*) FROM events WHERE region = 'eu' AND dt >= DATE '2024-01-03' GROUP BY dt"));
    }

    [Fact]
    public void MsckRepairIsFastOnThousandsOfFolders()
    {
        var root = _dir.Combine("logs");
        const int Days = 100;
        const int Hours = 24;
        for (var d = 0; d < Days; d++)
        {
            var day = new DateOnly(2024, 1, 1).AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            for (var h = 0; h < Hours; h++) Write(Path.Combine(root, $"day={day}", $"hour={h}", "f.txt"), $"{d}|{h}\n");
        }
        Run($"CREATE EXTERNAL TABLE logs (d int, h int) PARTITIONED BY (day string, hour int) ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' LOCATION '{root}'");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(Days * Hours, Rows("MSCK REPAIR TABLE logs").Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"MSCK REPAIR TABLE over {Days * Hours} folders took {clock.Elapsed}");
        Assert.Equal(Days * Hours, _catalog.ListPartitionNames("default", "logs").Count);

        _store.Listed.Clear();
        Assert.Equal(["4|23"], Rows("SELECT d, h FROM logs WHERE day = '2024-01-05' AND hour = 23"));
        Assert.Single(_store.Listed);
    }

    [Fact]
    public void ScanningTenThousandPartitionsListsTheTableLocationOnce()
    {
        var root = _dir.Combine("wide");
        const int Partitions = 10_000;
        Run($"CREATE EXTERNAL TABLE wide (id int) PARTITIONED BY (p int) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION '{root}'");
        var all = new List<PartitionInfo>(Partitions);
        for (var i = 0; i < Partitions; i++) all.Add(new PartitionInfo("default", "wide", [i.ToString(CultureInfo.InvariantCulture)]));
        Assert.Equal(Partitions, _catalog.AddPartitions("default", "wide", all, ifNotExists: false));
        // Files in every 100th partition's folder; the other partitions have no folder at all.
        for (var i = 0; i < Partitions; i += 100) Write(Path.Combine(root, $"p={i}", "part-0.csv"), $"1\n2\n{i}\n");
        Write(Path.Combine(root, "p=50", "_SUCCESS"), "");

        _store.Listed.Clear();
        Assert.Equal(["300"], Rows("SELECT count(*) FROM wide"));
        Assert.Equal([root], _store.Listed.ToArray());

        _store.Listed.Clear();
        Assert.Equal(["300|100|495300"], Rows("SELECT count(*), count(DISTINCT p), sum(id) FROM wide WHERE id >= 0"));
        Assert.Equal([root], _store.Listed.ToArray());

        // One partition kept: its own folder is listed, not the table's.
        _store.Listed.Clear();
        Assert.Equal(["3"], Rows("SELECT count(*) FROM wide WHERE p = 500"));
        Assert.Equal([Path.Combine(root, "p=500")], _store.Listed.ToArray());

        // A few of many kept: each listed once (in parallel), the root not at all.
        _store.Listed.Clear();
        Assert.Equal(["6"], Rows("SELECT count(*) FROM wide WHERE p < 150"));
        Assert.Equal(Enumerable.Range(0, 150).Select(i => Path.Combine(root, $"p={i}")).Order(StringComparer.Ordinal), _store.Listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PartitionsOutsideTheTableLocationAreListedOnceEachAndReadFully()
    {
        var root = _dir.Combine("scattered");
        Run($"CREATE EXTERNAL TABLE scattered (id int) PARTITIONED BY (p string) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION '{root}'");
        var storage = _catalog.GetTable("default", "scattered")!.Storage;
        var partitions = new List<PartitionInfo>();
        var locations = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var location = _dir.Combine($"elsewhere-{i}");
            locations.Add(location);
            if (i % 4 == 0) Write(Path.Combine(location, "nested", "f.csv"), $"{i}\n{i}\n");
            partitions.Add(new PartitionInfo("default", "scattered", [$"x{i}"], storage with { Location = location }));
        }
        // A folder under the table's location that no partition names is not read.
        Write(Path.Combine(root, "p=stray", "f.csv"), "999\n");
        _catalog.AddPartitions("default", "scattered", partitions, ifNotExists: false);

        _store.Listed.Clear();
        Assert.Equal(["20|360"], Rows("SELECT count(*), sum(id) FROM scattered"));
        Assert.Equal(locations.Order(StringComparer.Ordinal), _store.Listed.Order(StringComparer.Ordinal));
    }

    private void Run(string sql) => _session.ExecuteScript(sql);

    /// <summary>The rows of a one-statement result, values joined by '|'.</summary>
    private List<string> Rows(string sql)
    {
        var result = _session.Execute(sql);
        var rows = new List<string>();
        foreach (var batch in result.Batches)
        {
            for (var r = 0; r < batch.RowCount; r++)
            {
                rows.Add(string.Join('|', Enumerable.Range(0, batch.Columns.Count).Select(c => ValueFormatter.Format(batch.Column(c), r))));
            }
        }
        return rows;
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
