using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Metastore.Jobs;
using QueryEngine.Metastore.Store.Sqlite;
using Xunit;

namespace QueryEngine.Metastore.Tests.Etl;

/// <summary>
/// Jobs with bookmarks over real files and a real SQLite metastore: a plain and a partitioned CSV source loaded into
/// Parquet targets, files added between runs.
/// </summary>
public sealed class JobBookmarkTests : IDisposable
{
    private const string Load = """
        MSCK REPAIR TABLE raw.clicks;
        INSERT INTO dw.events SELECT id, name FROM raw.events;
        INSERT INTO dw.clicks SELECT id, n, dt FROM raw.clicks
        """;

    private readonly TempDirectory _dir = new();
    private readonly SqliteCatalog _catalog;
    private readonly JobRunner _runner;

    public JobBookmarkTests()
    {
        var warehouse = _dir.Combine("wh");
        _catalog = SqliteCatalog.OpenWarehouse(warehouse);
        _runner = new JobRunner(_catalog, Session);
        Write("raw/events/a.csv", "1,a\n2,b\n");
        Write("raw/clicks/dt=1/x.csv", "1,10\n");
        Session(null).ExecuteScript($"""
            CREATE SCHEMA raw;
            CREATE SCHEMA dw;
            CREATE EXTERNAL TABLE raw.events (id int, name string) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION '{_dir.Combine("raw", "events")}';
            CREATE EXTERNAL TABLE raw.clicks (id int, n int) PARTITIONED BY (dt string) ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
                LOCATION '{_dir.Combine("raw", "clicks")}';
            CREATE TABLE dw.events WITH (format = 'PARQUET') AS SELECT CAST(1 AS integer) AS id, 'x' AS name WITH NO DATA;
            CREATE TABLE dw.clicks WITH (format = 'PARQUET', partitioned_by = ARRAY['dt']) AS SELECT CAST(1 AS integer) AS id, CAST(1 AS integer) AS n, '1' AS dt WITH NO DATA
            """);
    }

    public void Dispose()
    {
        _catalog.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void ASecondRunProcessesOnlyTheFilesAndPartitionsAddedSinceTheFirst()
    {
        var first = _runner.Run("load", Load, bookmark: true);
        Assert.Equal((3, 3L, 2), (first.Statements, first.RowsWritten, first.FilesRead));

        Write("raw/events/b.csv", "3,c\n");
        Write("raw/clicks/dt=2/y.csv", "2,20\n3,30\n");
        var second = _runner.Run("load", Load, bookmark: true);
        Assert.Equal((3L, 2), (second.RowsWritten, second.FilesRead));

        Assert.Equal("3|3|6", Query("SELECT count(*), count(DISTINCT id), sum(id) FROM dw.events"));
        Assert.Equal("1|10|1\n2|20|2\n3|30|2", Query("SELECT id, n, dt FROM dw.clicks ORDER BY id"));

        var third = _runner.Run("load", Load, bookmark: true);
        Assert.Equal((0L, 0), (third.RowsWritten, third.FilesRead));
        Assert.Equal("3", Query("SELECT count(*) FROM dw.events"));
        Assert.Equal([JobRunStatus.Succeeded, JobRunStatus.Succeeded, JobRunStatus.Succeeded], _catalog.ListJobRuns("load").Select(r => r.Status));
        Assert.Equal([0L, 3L, 3L], _catalog.ListJobRuns("load").Select(r => r.RowsWritten));
    }

    [Fact]
    public void WithoutBookmarksEveryRunReadsEverything()
    {
        _runner.Run("load", Load, bookmark: false);
        var again = _runner.Run("load", Load, bookmark: false);
        Assert.Equal(3L, again.RowsWritten);
        Assert.Equal("4|2", Query("SELECT count(*), count(DISTINCT id) FROM dw.events"));
        Assert.Empty(_catalog.GetJobBookmark("load"));
    }

    [Fact]
    public void AFailedRunDoesNotAdvanceTheBookmark()
    {
        const string Failing = "INSERT INTO dw.events SELECT id, CAST(CAST(name AS integer) AS varchar) FROM raw.events";
        _runner.Run("load", Load, bookmark: true);
        var bookmark = _catalog.GetJobBookmark("load");
        Write("raw/events/b.csv", "3,c\n");

        var error = Assert.ThrowsAny<QueryException>(() => _runner.Run("load", Failing, bookmark: true));
        Assert.Equal(bookmark, _catalog.GetJobBookmark("load"));
        var failed = _catalog.ListJobRuns("load")[0];
        Assert.Equal(JobRunStatus.Failed, failed.Status);
        Assert.Equal($"statement 1: {error.Message}", failed.Error);
        Assert.NotNull(failed.EndTime);
        Assert.Equal("2", Query("SELECT count(*) FROM dw.events"));

        var retry = _runner.Run("load", Load, bookmark: true);
        Assert.Equal(1L, retry.RowsWritten);
        Assert.Equal("3|3", Query("SELECT count(*), count(DISTINCT id) FROM dw.events"));
    }

    [Fact]
    public void ResetMakesTheNextRunProcessEveryFileAgain()
    {
        _runner.Run("load", Load, bookmark: true);
        Write("raw/events/b.csv", "3,c\n");
        _runner.Run("load", Load, bookmark: true);

        _catalog.ResetJobBookmark("load");
        Assert.Empty(_catalog.GetJobBookmark("load"));
        var rerun = _runner.Run("load", Load, bookmark: true);
        Assert.Equal((4L, 3), (rerun.RowsWritten, rerun.FilesRead));
        Assert.Equal("6|3", Query("SELECT count(*), count(DISTINCT id) FROM dw.events"));
    }

    [Fact]
    public void AFileRewrittenInPlaceIsReadAgain()
    {
        _runner.Run("load", Load, bookmark: true);
        Write("raw/events/a.csv", "1,a\n2,b\n4,d\n");
        File.SetLastWriteTimeUtc(_dir.Combine("raw", "events", "a.csv"), DateTime.UtcNow.AddMinutes(1));
        var second = _runner.Run("load", Load, bookmark: true);
        Assert.Equal((3L, 1), (second.RowsWritten, second.FilesRead));
    }

    private QuerySession Session(IScanFileFilter? filter) =>
        new(_catalog, new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions { Warehouse = _dir.Combine("wh"), ScanFileFilter = filter });

    private string Query(string sql)
    {
        var result = Session(null).Execute(sql);
        var rows = new List<string>();
        foreach (var batch in result.Batches)
        {
            for (var r = 0; r < batch.RowCount; r++)
            {
                rows.Add(string.Join('|', batch.Columns.Select(c => ValueFormatter.Format(c, r))));
            }
        }
        return string.Join('\n', rows);
    }

    private void Write(string relative, string text)
    {
        var path = _dir.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
