using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Tests.TestSupport;
using QueryEngine.Engine.Tests.Tpch;
using QueryEngine.Engine.Writing;
using Xunit;

namespace QueryEngine.Engine.Tests.Writing;

/// <summary>
/// All or nothing: a CTAS / INSERT / UNLOAD that fails mid-write, fails while publishing its files, loses the
/// metastore commit, or is cancelled leaves no table, no partition and no file (staged or published); a committed
/// write is complete; a retried INSERT with the same query id is not applied twice; recovery at start-up undoes
/// (or finishes) the writes of processes that died.
/// </summary>
public sealed class AtomicWriteTests : IDisposable
{
    private const string PartitionedCtas =
        "CREATE TABLE etl.t WITH (partitioned_by = ARRAY['n_regionkey']) AS SELECT n_nationkey, n_name, n_regionkey FROM etl.nation";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qe-atomic", Guid.NewGuid().ToString("N"));
    private readonly InMemoryCatalog _catalog = new();

    public AtomicWriteTests() => Directory.CreateDirectory(_dir);

    private string Warehouse => Path.Combine(_dir, "warehouse");

    private string TableFolder => Path.Combine(Warehouse, "etl", "t");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    private QuerySession Session(IObjectStore store, long fileRows = long.MaxValue)
    {
        var session = new QuerySession(_catalog, new FileTableSourceFactory(store), new SessionOptions
        {
            Warehouse = Warehouse,
            WriteLimits = new WriteLimits { TargetFileRows = fileRows },
        });
        session.ExecuteScript(
            "CREATE DATABASE IF NOT EXISTS etl; " +
            $"CREATE EXTERNAL TABLE IF NOT EXISTS etl.nation (n_nationkey int, n_name string, n_regionkey int, n_comment string) " +
            $"ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' LOCATION '{Path.Combine(SharedData.TpchRoot, "data", "sf0.01", "nation.tbl.gz")}'");
        return session;
    }

    /// <summary>Every file under the warehouse (journals included), relative.</summary>
    private string[] FilesUnder(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal).ToArray()
            : [];

    private void AssertNothingLeft()
    {
        Assert.Null(_catalog.GetTable("etl", "t"));
        Assert.Empty(FilesUnder(Warehouse));
        Assert.False(Directory.Exists(TableFolder), "the table folder a failed CTAS created is removed");
    }

    [Fact]
    public void CtasWritesRollingFilesAndRegistersEverything()
    {
        var session = Session(new LocalObjectStore(), fileRows: 2);
        var result = session.Execute(PartitionedCtas);
        Assert.Equal(25, result.UpdateCount);

        var table = _catalog.GetTable("etl", "t")!;
        Assert.Equal(TableKind.Managed, table.Kind);
        Assert.Equal("25", table.Parameters["numRows"]);
        Assert.Equal(["n_nationkey", "n_name"], table.Columns.Select(c => c.Name));
        Assert.Equal(["n_regionkey"], table.PartitionKeys.Select(c => c.Name));
        Assert.Equal(["n_regionkey=0", "n_regionkey=1", "n_regionkey=2", "n_regionkey=3", "n_regionkey=4"], _catalog.ListPartitionNames("etl", "t"));

        // 5 rows per region, at most 2 rows per file: 3 files per partition; nothing staged is left.
        var files = FilesUnder(TableFolder);
        Assert.Equal(15, files.Length);
        Assert.All(files, f => Assert.Matches(@"^n_regionkey=\d/[0-9a-f]{32}_\d{5}\.parquet$", f.Replace('\\', '/')));
        Assert.Empty(FilesUnder(Path.Combine(Warehouse, WriteJournal.FolderName)));

        Assert.Equal("25 300", Row(session, "SELECT count(*), sum(n_nationkey) FROM etl.t"));
    }

    [Fact]
    public void CtasRecordsColumnStatisticsThatMatchTheData()
    {
        var session = Session(new LocalObjectStore());
        session.Execute("CREATE TABLE etl.t AS SELECT n_nationkey, n_name, CAST(n_regionkey AS double) AS r, n_nationkey % 3 = 0 AS third, CASE WHEN n_nationkey > 20 THEN NULL ELSE n_comment END AS c FROM etl.nation");
        var stats = _catalog.GetColumnStatistics("etl", "t", null).ToDictionary(s => s.Column);

        var key = stats["n_nationkey"];
        Assert.Equal(Row(session, "SELECT min(n_nationkey), max(n_nationkey), count(DISTINCT n_nationkey) FROM etl.nation"), $"{key.LongLow} {key.LongHigh} {key.NumDistinct}");
        Assert.Equal(0, key.NumNulls);
        var name = stats["n_name"];
        Assert.Equal(Row(session, "SELECT max(length(n_name)), count(DISTINCT n_name) FROM etl.nation"), $"{name.MaxLength} {name.NumDistinct}");
        var r = stats["r"];
        Assert.Equal(Row(session, "SELECT min(n_regionkey), max(n_regionkey), count(DISTINCT n_regionkey) FROM etl.nation"), $"{r.DoubleLow} {r.DoubleHigh} {r.NumDistinct}");
        var third = stats["third"];
        Assert.Equal(Row(session, "SELECT count_if(n_nationkey % 3 = 0), count_if(n_nationkey % 3 <> 0) FROM etl.nation"), $"{third.NumTrues} {third.NumFalses}");
        Assert.Equal(Row(session, "SELECT count(*) FROM etl.nation WHERE n_nationkey > 20"), stats["c"].NumNulls.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // INSERT merges: counts add up, bounds widen.
        session.Execute("INSERT INTO etl.t VALUES (100, 'LONGER THAN ANY NATION NAME', -1e0, false, NULL)");
        var merged = _catalog.GetColumnStatistics("etl", "t", null).ToDictionary(s => s.Column);
        Assert.Equal(100, merged["n_nationkey"].LongHigh);
        Assert.Equal(27, merged["n_name"].MaxLength);
        Assert.Equal(-1, merged["r"].DoubleLow);
        Assert.Equal(third.NumFalses + 1, merged["third"].NumFalses);
        Assert.Equal(stats["c"].NumNulls + 1, merged["c"].NumNulls);
        Assert.Equal("26", _catalog.GetTable("etl", "t")!.Parameters["numRows"]);
    }

    [Fact]
    public void FailureWhileWritingFilesLeavesNoTableAndNoFiles()
    {
        var store = new FaultyObjectStore { FailCreateAt = 4 };
        var session = Session(store, fileRows: 2);
        var error = Assert.Throws<StorageException>(() => session.Execute(PartitionedCtas));
        Assert.Contains("injected failure", error.Message, StringComparison.Ordinal);
        Assert.True(store.Creates >= 4);
        AssertNothingLeft();
    }

    [Fact]
    public void FailureWhilePublishingUndoesTheFilesAlreadyMoved()
    {
        var session = Session(new FaultyObjectStore { FailMoveAt = 4 }, fileRows: 2);
        Assert.Throws<StorageException>(() => session.Execute(PartitionedCtas));
        AssertNothingLeft();
    }

    [Fact]
    public void LosingTheMetastoreCommitUndoesTheFiles()
    {
        // Another writer creates the table while this CTAS publishes its files: the commit fails, the files go.
        QuerySession? session = null;
        var store = new FaultyObjectStore
        {
            OnMove = n =>
            {
                if (n == 1) _catalog.CreateTable(new TableInfo("etl", "t", TableKind.External, [new ColumnInfo("x", "int")], new StorageInfo(Path.Combine(_dir, "elsewhere"), "", "", "")), false);
            },
        };
        session = Session(store, fileRows: 2);
        var error = Assert.Throws<SemanticException>(() => session.Execute(PartitionedCtas));
        Assert.Equal(ErrorCode.AlreadyExists, error.Code);
        Assert.Equal(TableKind.External, _catalog.GetTable("etl", "t")!.Kind);
        Assert.Empty(FilesUnder(Warehouse));
    }

    [Fact]
    public void CancelledStatementLeavesNothing()
    {
        using var cancel = new CancellationTokenSource();
        var store = new FaultyObjectStore { OnCreate = n => { if (n == 3) cancel.Cancel(); } };
        var session = Session(store, fileRows: 2);
        Assert.ThrowsAny<OperationCanceledException>(() => session.Execute(PartitionedCtas, cancel.Token));
        AssertNothingLeft();
    }

    [Fact]
    public void FailedInsertKeepsTheTableAsItWas()
    {
        var store = new FaultyObjectStore { FailCreateAt = 7 };
        var session = Session(store, fileRows: 2);
        session.Execute("CREATE TABLE etl.t WITH (partitioned_by = ARRAY['p']) AS SELECT n_nationkey, n_name, 'old' AS p FROM etl.nation WHERE n_nationkey < 4");
        var before = FilesUnder(TableFolder);
        var version = _catalog.GetTable("etl", "t")!.Version;
        Assert.Throws<StorageException>(() => session.Execute("INSERT INTO etl.t SELECT n_nationkey, n_name, CASE WHEN n_regionkey < 2 THEN 'old' ELSE 'new' END FROM etl.nation"));
        Assert.Equal(before, FilesUnder(TableFolder));
        Assert.Equal(["p=old"], _catalog.ListPartitionNames("etl", "t"));
        Assert.Equal(version, _catalog.GetTable("etl", "t")!.Version);
        Assert.Equal("4", Row(session, "SELECT count(*) FROM etl.t"));
    }

    [Fact]
    public void InsertRetriedWithTheSameQueryIdIsAppliedOnce()
    {
        var session = Session(new LocalObjectStore());
        session.Execute("CREATE TABLE etl.t AS SELECT n_nationkey, n_name FROM etl.nation WHERE n_nationkey < 5");
        var first = session.Execute("INSERT INTO etl.t SELECT n_nationkey, n_name FROM etl.nation WHERE n_nationkey >= 20", "load-2024-01-01");
        var retry = session.Execute("INSERT INTO etl.t SELECT n_nationkey, n_name FROM etl.nation WHERE n_nationkey >= 20", "load-2024-01-01");
        Assert.Equal(5, first.UpdateCount);
        Assert.Equal(0, retry.UpdateCount);
        Assert.Equal("10", Row(session, "SELECT count(*) FROM etl.t"));
        Assert.Equal(2, FilesUnder(TableFolder).Length);
        // A new id appends again.
        session.Execute("INSERT INTO etl.t SELECT n_nationkey, n_name FROM etl.nation WHERE n_nationkey >= 20", "load-2024-01-02");
        Assert.Equal("15", Row(session, "SELECT count(*) FROM etl.t"));
        Assert.Throws<SemanticException>(() => session.Execute("INSERT INTO etl.t SELECT 1, 'x'", "bad id!"));
    }

    [Fact]
    public void ReadersSeeAnInsertAllAtOnceAtEveryStep()
    {
        // An unpartitioned table and an existing partition: folders readers list. At every file the INSERT creates
        // and before every file it renames (the first rename comes right after the metastore commit), a reader counts
        // the rows and notes whether the metastore has committed the write: the old count before the commit, the
        // new count from the commit on, never a part of the INSERT.
        var setup = Session(new LocalObjectStore());
        setup.Execute("CREATE TABLE etl.t AS SELECT n_nationkey, n_name FROM etl.nation WHERE n_nationkey < 5");
        setup.Execute("CREATE TABLE etl.p WITH (partitioned_by = ARRAY['r']) AS SELECT n_nationkey, n_name, n_regionkey AS r FROM etl.nation WHERE n_nationkey < 5");
        var reader = Session(new LocalObjectStore());
        foreach (var (table, insert, before, after) in new[]
        {
            ("t", "INSERT INTO etl.t SELECT n_nationkey, n_name FROM etl.nation WHERE n_nationkey >= 5", "5", "25"),
            // Regions 0, 1 and 3 exist already (keys 0..4); the new rows go to all five regions.
            ("p", "INSERT INTO etl.p SELECT n_nationkey, n_name, n_regionkey FROM etl.nation WHERE n_nationkey >= 5", "5", "25"),
        })
        {
            var seen = new List<(string Step, bool Committed, string Rows, int Published)>();
            var folder = Path.Combine(Warehouse, "etl", table);
            void Look(string step) => seen.Add((
                step,
                TableWriteCommit.IsCommitted(_catalog.GetTable("etl", table)!, "insert-" + table),
                Row(reader, $"SELECT count(*) FROM etl.{table}"),
                FilesUnder(folder).Count(f => StagedFiles.IsFileOf(Path.GetFileName(f), "insert-" + table))));
            var store = new FaultyObjectStore { OnCreate = n => Look("create " + n), OnMove = n => Look("move " + n) };
            var writer = new QuerySession(_catalog, new FileTableSourceFactory(store), new SessionOptions { Warehouse = Warehouse, WriteLimits = new WriteLimits { TargetFileRows = 3 } });
            writer.Execute(insert, "insert-" + table);

            Assert.Contains(seen, s => !s.Committed);
            Assert.All(seen.Where(s => !s.Committed), s => Assert.Equal(before, s.Rows));
            Assert.All(seen.Where(s => !s.Committed), s => Assert.Equal(0, s.Published));
            var moves = seen.Where(s => s.Committed).ToArray();
            Assert.True(moves.Length >= 5, $"the INSERT renames its files one by one after the commit ({moves.Length} steps seen)");
            // Before each rename, readers see every row although only the files renamed so far carry their final names.
            Assert.All(moves, s => Assert.Equal(after, s.Rows));
            Assert.Equal(Enumerable.Range(0, moves.Length), moves.Select(s => s.Published));
            Assert.Equal(after, Row(reader, $"SELECT count(*) FROM etl.{table}"));
            Assert.DoesNotContain(FilesUnder(folder), f => Path.GetFileName(f).StartsWith(".qe-pending-", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AReaderRacingManyInsertsSeesOnlyWholeInserts()
    {
        // A reader counts rows in a loop while INSERTs of 5 rows each (one file per row) run: every count it sees
        // is the table before or after some INSERT (a multiple of 5), never a part of one.
        var setup = Session(new LocalObjectStore());
        setup.Execute("CREATE TABLE etl.t AS SELECT n_nationkey, n_name FROM etl.nation WHERE n_nationkey < 5");
        var reader = Session(new LocalObjectStore());
        var writer = Session(new LocalObjectStore(), fileRows: 1);
        const int inserts = 12;
        var counts = new List<long>();
        using var done = new ManualResetEventSlim();
        var reading = Task.Run(() =>
        {
            while (!done.IsSet) counts.Add(long.Parse(Row(reader, "SELECT count(*) FROM etl.t"), System.Globalization.CultureInfo.InvariantCulture));
        });
        for (var i = 0; i < inserts; i++) writer.Execute($"INSERT INTO etl.t SELECT n_nationkey, n_name FROM etl.nation WHERE n_nationkey BETWEEN {5 * (i % 5)} AND {5 * (i % 5) + 4}");
        done.Set();
        await reading;
        Assert.NotEmpty(counts);
        Assert.All(counts, c => Assert.True(c % 5 == 0 && c >= 5 && c <= 5 * (inserts + 1), $"a reader saw {c} rows"));
        Assert.Equal((5 * (inserts + 1)).ToString(System.Globalization.CultureInfo.InvariantCulture), Row(reader, "SELECT count(*) FROM etl.t"));
    }

    [Fact]
    public void AnInsertCutOffWhileRenamingIsReadWholeAndFinishedByTheNextWrite()
    {
        // The renames after the commit fail from the third on (as a crash there would leave them): the INSERT is
        // committed and every reader reads all of it; its journal stays; the next write renames the rest.
        var setup = Session(new LocalObjectStore());
        setup.Execute("CREATE TABLE etl.t AS SELECT n_nationkey, n_name FROM etl.nation WHERE n_nationkey < 5");
        var journals = Path.Combine(Warehouse, WriteJournal.FolderName);
        var cut = new QuerySession(_catalog, new FileTableSourceFactory(new FaultyObjectStore { FailMoveAt = 3 }), new SessionOptions
        {
            Warehouse = Warehouse,
            WriteLimits = new WriteLimits { TargetFileRows = 4 },
        });
        var result = cut.Execute("INSERT INTO etl.t SELECT n_nationkey, n_name FROM etl.nation WHERE n_nationkey >= 5", "cut");
        Assert.Equal(20, result.UpdateCount);
        Assert.Equal(["cut.json"], FilesUnder(journals));
        var pending = FilesUnder(TableFolder).Where(f => Path.GetFileName(f).StartsWith(".qe-pending-cut_", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, pending.Length); // 5 files, 2 renamed
        var reader = Session(new LocalObjectStore());
        Assert.Equal("25", Row(reader, "SELECT count(*) FROM etl.t"));
        Assert.Equal("290", Row(reader, "SELECT sum(n_nationkey) FROM etl.t WHERE n_nationkey >= 5"));

        // The next write (here an INSERT into another table) rolls the cut one forward first.
        setup.Execute("CREATE TABLE etl.other AS SELECT 1 AS x");
        Assert.Empty(FilesUnder(journals));
        Assert.DoesNotContain(FilesUnder(TableFolder), f => Path.GetFileName(f).StartsWith('.'));
        Assert.Equal(6, FilesUnder(TableFolder).Length);
        Assert.Equal("25", Row(reader, "SELECT count(*) FROM etl.t"));
    }

    [Fact]
    public void ADeadInsertIsRolledBackOrForwardByItsCommit()
    {
        // Two INSERTs whose process died with their files pending in the table folder: "dead" before its commit,
        // "done" after it. Readers skip dead's files and read done's; start-up recovery deletes the first and renames
        // the second. A file listed under both names (an S3 copy not yet deleted) counts once.
        var setup = Session(new LocalObjectStore());
        setup.Execute("CREATE TABLE etl.t AS SELECT n_nationkey, n_name FROM etl.nation WHERE n_nationkey < 5");
        var original = Path.Combine(TableFolder, FilesUnder(TableFolder).Single());
        var journals = Path.Combine(Warehouse, WriteJournal.FolderName);
        Directory.CreateDirectory(journals);
        WriteFile(Path.Combine(TableFolder, ".qe-pending-dead_00000.parquet"), original);
        File.WriteAllText(Path.Combine(journals, "dead.json"), $$"""{"QueryId":"dead","Target":"{{TableFolder}}","Database":"etl","Table":"t","CreatesTarget":false}""");
        _catalog.CommitWrite(new TableWriteCommit(_catalog.GetTable("etl", "t")!, CreatesTable: false, "done"));
        WriteFile(Path.Combine(TableFolder, ".qe-pending-done_00000.parquet"), original);
        WriteFile(Path.Combine(TableFolder, ".qe-pending-done_00001.parquet"), original);
        WriteFile(Path.Combine(TableFolder, "done_00001.parquet"), original);
        File.WriteAllText(Path.Combine(journals, "done.json"), $$"""{"QueryId":"done","Target":"{{TableFolder}}","Database":"etl","Table":"t","CreatesTarget":false}""");

        var reader = Session(new LocalObjectStore());
        Assert.Equal("15", Row(reader, "SELECT count(*) FROM etl.t"));

        Assert.Equal(2, WriteRecovery.Run(_catalog, _ => new LocalObjectStore(), Warehouse));
        Assert.Empty(FilesUnder(journals));
        var files = FilesUnder(TableFolder);
        Assert.Equal(3, files.Length);
        Assert.Contains("done_00000.parquet", files);
        Assert.Contains("done_00001.parquet", files);
        Assert.Equal("15", Row(reader, "SELECT count(*) FROM etl.t"));
    }

    [Fact]
    public void AnInsertWhoseCommitFailsWasNeverVisible()
    {
        // Another writer alters the table while this INSERT writes: its commit fails on the table's version.
        var setup = Session(new LocalObjectStore());
        setup.Execute("CREATE TABLE etl.t AS SELECT n_nationkey, n_name FROM etl.nation WHERE n_nationkey < 5");
        var reader = Session(new LocalObjectStore());
        var counts = new List<string>();
        var store = new FaultyObjectStore
        {
            OnCreate = n =>
            {
                if (n == 1)
                {
                    var table = _catalog.GetTable("etl", "t")!;
                    _catalog.AlterTable("etl", "t", table with { Comment = "touched" });
                }
            },
            OnMove = _ => counts.Add(Row(reader, "SELECT count(*) FROM etl.t")),
        };
        var writer = new QuerySession(_catalog, new FileTableSourceFactory(store), new SessionOptions { Warehouse = Warehouse });
        Assert.Throws<ConcurrentModificationException>(() => writer.Execute("INSERT INTO etl.t SELECT n_nationkey, n_name FROM etl.nation WHERE n_nationkey >= 5"));
        Assert.All(counts, c => Assert.Equal("5", c));
        Assert.Equal("5", Row(reader, "SELECT count(*) FROM etl.t"));
        Assert.Single(FilesUnder(TableFolder));
    }

    [Fact]
    public void FailedUnloadLeavesNoFiles()
    {
        var session = Session(new FaultyObjectStore { FailMoveAt = 2 }, fileRows: 3);
        var target = Path.Combine(_dir, "unload");
        Assert.Throws<StorageException>(() => session.Execute($"UNLOAD (SELECT n_nationkey, n_name FROM etl.nation) TO '{target}' WITH (format = 'JSON')"));
        Assert.Empty(FilesUnder(target));
        Assert.Empty(FilesUnder(Warehouse));
    }

    [Fact]
    public void RecoveryUndoesAnAbandonedWriteAndFinishesACommittedOne()
    {
        var store = new LocalObjectStore();
        var journals = Path.Combine(Warehouse, WriteJournal.FolderName);
        Directory.CreateDirectory(journals);
        // (Every write recovers abandoned ones first: the table is made before the journals are.)
        Session(store).Execute("CREATE TABLE etl.t AS SELECT n_nationkey FROM etl.nation WHERE n_nationkey < 3");

        // A CTAS that died after publishing one file, before its commit.
        var deadTarget = Path.Combine(Warehouse, "etl", "dead");
        WriteFile(Path.Combine(deadTarget, "p=1", "q1_00000.parquet"));
        WriteFile(Path.Combine(deadTarget, WriteJournal.FolderName, "q1", "p=2", "q1_00001.parquet"));
        File.WriteAllText(Path.Combine(journals, "q1.json"), $$"""{"QueryId":"q1","Target":"{{deadTarget}}","Database":"etl","Table":"dead","CreatesTarget":true}""");

        // An INSERT that died after its commit, with one file still staged.
        var table = _catalog.GetTable("etl", "t")!;
        _catalog.CommitWrite(new TableWriteCommit(table, CreatesTable: false, "q2"));
        WriteFile(Path.Combine(TableFolder, WriteJournal.FolderName, "q2", "q2_00000.parquet"), Path.Combine(TableFolder, FilesUnder(TableFolder)[0]));
        File.WriteAllText(Path.Combine(journals, "q2.json"), $$"""{"QueryId":"q2","Target":"{{TableFolder}}","Database":"etl","Table":"t","CreatesTarget":false}""");

        // A journal a live writer holds is left alone.
        using (var held = new FileStream(Path.Combine(journals, "q3.json"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
        {
            Assert.Equal(2, WriteRecovery.Run(_catalog, _ => store, Warehouse));
        }

        Assert.False(Directory.Exists(deadTarget));
        Assert.Equal(["q3.json"], FilesUnder(journals));
        Assert.Equal(2, FilesUnder(TableFolder).Length);
        Assert.Equal("6", Row(Session(store), "SELECT count(*) FROM etl.t"));
    }

    private static void WriteFile(string path, string? copyOf = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (copyOf is null) File.WriteAllText(path, "partial");
        else File.Copy(copyOf, path);
    }

    private static string Row(QuerySession session, string sql) => string.Join(' ', TpchAnswerTests.Render(session.Execute(sql))[0]);
}
