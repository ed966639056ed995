using System.Globalization;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Session;
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
