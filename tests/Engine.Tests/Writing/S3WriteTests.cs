using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Storage.S3;
using QueryEngine.Engine.Writing;
using QueryEngine.Engine.Tests.Formats.Parquet;
using QueryEngine.Engine.Tests.TestSupport;
using QueryEngine.Engine.Tests.Tpch;
using Xunit;

namespace QueryEngine.Engine.Tests.Writing;

/// <summary>CTAS, INSERT and UNLOAD to s3:// against a real S3 server (npm s3rver): files staged, then copied into place; failures leave no object.</summary>
public sealed class S3WriteTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    private readonly string _root = $"s3://{S3rverFixture.Bucket}/{Guid.NewGuid():N}/";

    [Fact]
    public void CtasInsertAndUnloadToS3()
    {
        using var store = s3.NewStore();
        var session = NewSession(store);
        session.Execute($"CREATE TABLE etl.t WITH (external_location = '{_root}t/', partitioned_by = ARRAY['n_regionkey']) AS SELECT n_nationkey, n_name, n_regionkey FROM etl.nation");
        session.Execute("INSERT INTO etl.t VALUES (100, 'ATLANTIS', 9)");
        Assert.Equal("26 400", Row(session, "SELECT count(*), sum(n_nationkey) FROM etl.t"));
        Assert.Equal(6, session.Catalog.ListPartitionNames("etl", "t").Count);
        var objects = store.List(_root + "t/", recursive: true).Select(o => o.RelativePath).ToArray();
        Assert.Equal(6, objects.Length);
        Assert.All(objects, o => Assert.Matches(@"^n_regionkey=\d/[0-9a-f]{32}_\d{5}\.parquet$", o));

        session.Execute($"UNLOAD (SELECT n_name FROM etl.nation) TO '{_root}u/' WITH (format = 'JSON', compression = 'GZIP')");
        var unloaded = Assert.Single(store.List(_root + "u/", recursive: true));
        Assert.EndsWith(".json.gz", unloaded.RelativePath, StringComparison.Ordinal);
    }

    /// <summary>
    /// CTAS of lineitem to s3:// as partitioned Parquet: the objects, copied down, read the same in DuckDB as the new
    /// table reads in our engine.
    /// </summary>
    [Fact]
    public void CtasToS3WritesParquetDuckDbReadsIdentically()
    {
        using var store = s3.NewStore();
        var session = NewSession(store);
        session.Execute(
            $"CREATE EXTERNAL TABLE etl.lineitem (l_orderkey bigint, l_partkey bigint, l_suppkey bigint, l_linenumber int, l_quantity decimal(15,2), " +
            "l_extendedprice decimal(15,2), l_discount decimal(15,2), l_tax decimal(15,2), l_returnflag string, l_linestatus string, l_shipdate date, " +
            "l_commitdate date, l_receiptdate date, l_shipinstruct string, l_shipmode string, l_comment string) " +
            $"ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' LOCATION '{Path.Combine(SharedData.TpchRoot, "data", "sf0.01", "lineitem.tbl.gz")}'");
        session.Execute(
            $"CREATE TABLE etl.li WITH (external_location = '{_root}li/', write_compression = 'ZSTD', partitioned_by = ARRAY['l_returnflag']) AS " +
            "SELECT l_orderkey, l_quantity, l_extendedprice, l_shipdate, l_shipmode, l_comment, l_returnflag FROM etl.lineitem");
        var local = Path.Combine(Path.GetTempPath(), "qe-s3-duck", Guid.NewGuid().ToString("N"));
        try
        {
            var objects = store.List(_root + "li/", recursive: true);
            Assert.Equal(3, objects.Count); // one file for each of the three return flags
            foreach (var o in objects)
            {
                var target = Path.Combine(local, o.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                using var input = store.OpenRead(_root + "li/" + o.RelativePath);
                using var output = File.Create(target);
                input.CopyTo(output);
            }
            var files = $"read_parquet('{local}/*/*.parquet', hive_partitioning = true)";
            (string Ours, string DuckDb)[] pairs =
            [
                ("SELECT count(*) FROM etl.li", $"SELECT count(*) FROM {files}"),
                ("SELECT CAST(sum(l_extendedprice) AS varchar) FROM etl.li", $"SELECT CAST(sum(l_extendedprice) AS varchar) FROM {files}"),
                ("SELECT CAST(sum(l_quantity) AS varchar) FROM etl.li WHERE l_returnflag = 'R'", $"SELECT CAST(sum(l_quantity) AS varchar) FROM {files} WHERE l_returnflag = 'R'"),
                ("SELECT CAST(max(l_shipdate) AS varchar) || ' ' || min(l_shipmode) || ' ' || max(l_comment) FROM etl.li",
                    $"SELECT CAST(max(l_shipdate) AS varchar) || ' ' || min(l_shipmode) || ' ' || max(l_comment) FROM {files}"),
                ("SELECT sum(l_orderkey) FROM etl.li", $"SELECT sum(l_orderkey) FROM {files}"),
            ];
            var duck = DuckDbReader.Query(pairs.Select(p => p.DuckDb).ToArray());
            Assert.Equal(pairs.Length, duck.Count);
            for (var i = 0; i < pairs.Length; i++) Assert.Equal(duck[i], Row(session, pairs[i].Ours));
        }
        finally
        {
            if (Directory.Exists(local)) Directory.Delete(local, recursive: true);
        }
    }

    /// <summary>
    /// Parquet footers are fetched once per object: the same query again issues fewer requests, and an object
    /// rewritten at the same key (new ETag) is read anew, not answered from the stale footer.
    /// </summary>
    [Fact]
    public void RepeatedQueriesReuseParquetFootersUntilTheObjectChanges()
    {
        using var store = s3.NewStore();
        var session = NewSession(store);
        session.Execute($"CREATE TABLE etl.n WITH (external_location = '{_root}n/') AS SELECT n_nationkey, n_name FROM etl.nation");
        session.Execute($"CREATE TABLE etl.m WITH (external_location = '{_root}m/') AS SELECT n_nationkey + 1000 AS n_nationkey, n_name FROM etl.nation");
        const string Query = "SELECT count(*), sum(n_nationkey), max(n_name) FROM etl.n";
        long Requests()
        {
            var before = store.RequestCount;
            Assert.Equal("25 300 VIETNAM", Row(session, Query));
            return store.RequestCount - before;
        }
        var first = Requests();
        var second = Requests();
        Assert.True(second < first, $"first run {first} requests, second {second}");
        Assert.Equal(second, Requests());

        var original = Assert.Single(store.List(_root + "n/", recursive: true)).Path;
        var replacement = Assert.Single(store.List(_root + "m/", recursive: true)).Path;
        store.Delete(original);
        store.Move(replacement, original);
        Assert.Equal("25 25300 VIETNAM", Row(session, Query));
    }

    [Fact]
    public void FailedCtasToS3LeavesNoObject()
    {
        using var store = s3.NewStore();
        var session = NewSession(store);
        // The TEXTFILE writer refuses a value holding the delimiter after other rows were written.
        Assert.Throws<ExecutionException>(() => session.Execute(
            $"CREATE TABLE etl.bad WITH (format = 'TEXTFILE', field_delimiter = ',', external_location = '{_root}bad/') " +
            "AS SELECT CASE WHEN n_nationkey = 20 THEN 'a,b' ELSE n_name END AS name FROM etl.nation"));
        Assert.Null(session.Catalog.GetTable("etl", "bad"));
        Assert.Empty(store.List(_root + "bad/", recursive: true));
    }

    /// <summary>
    /// A warehouse on S3: an INSERT whose process dies after writing some pending files leaves them and its journal
    /// (<c>&lt;warehouse&gt;/.qe-staging/&lt;id&gt;.json</c>) behind; readers never see them; while the journal's lease runs
    /// nothing touches them (the writer may be alive), and once it ran out the next write deletes them and the journal.
    /// </summary>
    [Fact]
    public void AnInsertDeadOnAnS3WarehouseIsUndoneOnceItsJournalLeaseRunsOut()
    {
        using var store = s3.NewStore();
        var warehouse = _root + "wh/";
        var lease = TimeSpan.FromSeconds(2);
        var limits = WriteLimits.Default with { TargetFileRows = 5, JournalLease = lease };
        var alive = NewSession(store, warehouse, limits);
        alive.Execute("CREATE TABLE etl.t AS SELECT n_nationkey, n_name FROM etl.nation");
        var tableFolder = warehouse + "etl/t/";
        Assert.Equal(5, store.List(tableFolder, recursive: true).Count); // 25 rows, rolled every 5

        var dying = new DyingObjectStore(store, dieAtPendingFile: 4);
        var doomed = new QuerySession(alive.Catalog, new FileTableSourceFactory(new ObjectStoreResolver().Register("s3", dying)),
            new SessionOptions { Warehouse = warehouse, WriteLimits = limits });
        Assert.ThrowsAny<QueryException>(() => doomed.Execute("INSERT INTO etl.t SELECT n_nationkey + 100, n_name FROM etl.nation", "dead-insert"));
        Assert.True(dying.IsDead);

        // What the dead process left: pending files (the three created before it died, less any whose upload it was
        // still finishing) and its journal; the table reads as before.
        var pending = store.List(tableFolder, recursive: true).Where(o => o.Name.StartsWith(".qe-pending-dead-insert_", StringComparison.Ordinal)).ToArray();
        Assert.InRange(pending.Length, 1, 3);
        Assert.NotNull(store.Stat(warehouse + ".qe-staging/dead-insert.json"));
        Assert.Equal("25 300", Row(alive, "SELECT count(*), sum(n_nationkey) FROM etl.t"));
        var listed = Assert.Single(WriteRecovery.List(alive.Catalog, _ => store, warehouse, lease));
        Assert.Equal(UnfinishedWriteState.Running, listed.State);

        // Within the lease a recovery leaves everything alone.
        Assert.Equal(0, WriteRecovery.Run(alive.Catalog, _ => store, warehouse, lease));
        Assert.Equal(pending.Length, store.List(tableFolder, recursive: true).Count(o => o.Name.StartsWith(".qe-pending-", StringComparison.Ordinal)));

        // Once the lease ran out the write is listed as not committed, and the next write removes its files and journal.
        Thread.Sleep(lease + TimeSpan.FromMilliseconds(500));
        listed = Assert.Single(WriteRecovery.List(alive.Catalog, _ => store, warehouse, lease));
        Assert.Equal((UnfinishedWriteState.NotCommitted, pending.Length, "etl.t"), (listed.State, listed.Files, listed.Table));
        alive.Execute("INSERT INTO etl.t VALUES (1000, 'ATLANTIS')");
        Assert.Equal("26 1300", Row(alive, "SELECT count(*), sum(n_nationkey) FROM etl.t"));
        Assert.DoesNotContain(store.List(tableFolder, recursive: true), o => o.Name.Contains("dead-insert", StringComparison.Ordinal));
        Assert.Empty(store.List(warehouse + ".qe-staging/", recursive: true));
    }

    /// <summary>A running write on an S3 warehouse renews its journal: a recovery running meanwhile, past the lease, leaves it alone.</summary>
    [Fact]
    public void ARunningWriteOnAnS3WarehouseKeepsItsJournalLeaseAlive()
    {
        using var store = s3.NewStore();
        var warehouse = _root + "wh/";
        var lease = TimeSpan.FromSeconds(1.5);
        var limits = WriteLimits.Default with { JournalLease = lease };
        var session = NewSession(store, warehouse, limits);
        using var journal = LeasedWriteJournal.Begin(store, warehouse + ".qe-staging/", new WriteJournalEntry("live-write", warehouse + "etl/x/", "etl", "x", true), lease);
        store.Create(warehouse + "etl/x/.qe-staging/live-write/live-write_00000.parquet").Dispose();
        Thread.Sleep(lease * 2);
        Assert.Equal(0, WriteRecovery.Run(session.Catalog, _ => store, warehouse, lease));
        Assert.Equal(UnfinishedWriteState.Running, Assert.Single(WriteRecovery.List(session.Catalog, _ => store, warehouse, lease)).State);
        Assert.Single(store.List(warehouse + "etl/x/", recursive: true));
        journal.Dispose();
        Assert.Empty(store.List(warehouse + ".qe-staging/", recursive: true));
    }

    private QuerySession NewSession(S3ObjectStore store) =>
        NewSession(store, Path.Combine(Path.GetTempPath(), "qe-s3-write", Guid.NewGuid().ToString("N")), WriteLimits.Default);

    private QuerySession NewSession(S3ObjectStore store, string warehouse, WriteLimits limits)
    {
        var resolver = new ObjectStoreResolver().Register("s3", store);
        var session = new QuerySession(new InMemoryCatalog(), new FileTableSourceFactory(resolver), new SessionOptions { Warehouse = warehouse, WriteLimits = limits });
        session.ExecuteScript(
            "CREATE DATABASE etl; " +
            "CREATE EXTERNAL TABLE etl.nation (n_nationkey int, n_name string, n_regionkey int, n_comment string) " +
            $"ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' LOCATION '{Path.Combine(SharedData.TpchRoot, "data", "sf0.01", "nation.tbl.gz")}'");
        return session;
    }

    private static string Row(QuerySession session, string sql) => string.Join(' ', TpchAnswerTests.Render(session.Execute(sql))[0]);
}
