using System.Globalization;
using System.Text;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Tests.Formats.Parquet;
using QueryEngine.Engine.Tests.TestSupport;
using QueryEngine.Engine.Tests.Tpch;
using QueryEngine.Engine.Writing;
using QueryEngine.Engine.Formats.Bucketing;
using Xunit;

namespace QueryEngine.Engine.Tests.Writing;

/// <summary>
/// CTAS and INSERT into bucketed tables: one file per bucket named <c>0BBBBB_0_&lt;queryid&gt;</c>, each holding only
/// rows whose Hive (version 1) bucket is the one in its name; the bucket columns and count are registered; DuckDB
/// reading the files finds the same rows and, computing Hive's integer bucket rule itself, the same bucket per file.
/// </summary>
public sealed class BucketedWriteTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qe-bucketed", Guid.NewGuid().ToString("N"));
    private readonly InMemoryCatalog _catalog = new();

    public BucketedWriteTests() => Directory.CreateDirectory(_dir);

    private string Warehouse => Path.Combine(_dir, "warehouse");

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

    private QuerySession Session(IObjectStore store)
    {
        var session = new QuerySession(_catalog, new FileTableSourceFactory(store), new SessionOptions { Warehouse = Warehouse });
        session.ExecuteScript(
            "CREATE DATABASE IF NOT EXISTS etl; " +
            $"CREATE EXTERNAL TABLE IF NOT EXISTS etl.nation (n_nationkey int, n_name string, n_regionkey int, n_comment string) " +
            $"ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' LOCATION '{Path.Combine(SharedData.TpchRoot, "data", "sf0.01", "nation.tbl.gz")}'");
        return session;
    }

    private static string[] DataFiles(string folder) =>
        Directory.GetFiles(folder, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

    private static int BucketInName(string file) => int.Parse(Path.GetFileName(file)[..6], CultureInfo.InvariantCulture);

    [Fact]
    public void CtasPutsEveryRowInTheFileOfItsBucketAndRegistersTheBuckets()
    {
        var session = Session(new LocalObjectStore());
        session.Execute(
            "CREATE TABLE etl.b WITH (bucketed_by = ARRAY['n_name', 'n_regionkey'], bucket_count = 5) AS " +
            "SELECT n_nationkey, n_name, n_regionkey FROM etl.nation", "bucket-ctas-1");

        var table = _catalog.GetTable("etl", "b")!;
        Assert.Equal(["n_name", "n_regionkey"], table.Storage.BucketColumns);
        Assert.Equal(5, table.Storage.BucketCount);
        Assert.Equal("1", table.Parameters[StorageInfo.BucketingVersionParameter]);
        var ddl = Row(session, "SHOW CREATE TABLE etl.b");
        Assert.Contains("CLUSTERED BY (\n  `n_name`,\n  `n_regionkey`)\nINTO 5 BUCKETS", ddl, StringComparison.Ordinal);

        var files = DataFiles(Path.Combine(Warehouse, "etl", "b"));
        Assert.NotEmpty(files);
        Assert.Equal(files.Length, files.Select(BucketInName).Distinct().Count());
        var rows = 0;
        foreach (var file in files)
        {
            Assert.Matches(@"^0\d{5}_0_bucket-ctas-1\.parquet$", Path.GetFileName(file));
            var bucket = BucketInName(file);
            foreach (var row in TpchAnswerTests.Render(session.Execute($"SELECT n_name, n_regionkey FROM read_parquet('{file}')")))
            {
                // 31 * hash(n_name) + hash(n_regionkey), masked, modulo 5.
                var hash = unchecked((31 * HiveBucketHash.OfUtf8(Encoding.UTF8.GetBytes(row[0]))) + int.Parse(row[1], CultureInfo.InvariantCulture));
                Assert.True(HiveBucketHash.BucketOf(hash, 5) == bucket, $"{row[0]}, {row[1]} is in the file of bucket {bucket}");
                rows++;
            }
        }
        Assert.Equal(25, rows);
        Assert.Equal("25 300", Row(session, "SELECT count(*), sum(n_nationkey) FROM etl.b"));
    }

    [Fact]
    public void InsertIntoABucketedPartitionedTableAddsOneFilePerBucketAndPartition()
    {
        var session = Session(new LocalObjectStore());
        session.Execute(
            "CREATE TABLE etl.pb WITH (partitioned_by = ARRAY['n_regionkey'], bucketed_by = ARRAY['n_nationkey'], bucket_count = 3) AS " +
            "SELECT n_nationkey, n_name, n_regionkey FROM etl.nation WHERE n_nationkey < 10", "q-ctas");
        session.Execute("INSERT INTO etl.pb SELECT n_nationkey, n_name, n_regionkey FROM etl.nation WHERE n_nationkey >= 10", "q-insert");

        var files = DataFiles(Path.Combine(Warehouse, "etl", "pb"));
        var rows = 0;
        foreach (var file in files)
        {
            // An int hashes to itself: the bucket is the key modulo 3.
            var bucket = BucketInName(file);
            var region = Path.GetFileName(Path.GetDirectoryName(file)!);
            foreach (var row in TpchAnswerTests.Render(session.Execute($"SELECT n_nationkey FROM read_parquet('{file}')")))
            {
                Assert.Equal(bucket, int.Parse(row[0], CultureInfo.InvariantCulture) % 3);
                rows++;
            }
            Assert.StartsWith("n_regionkey=", region, StringComparison.Ordinal);
        }
        Assert.Equal(25, rows);
        // Each (partition, bucket) pair has at most one file per write.
        var pairs = files.Select(f => (Path.GetDirectoryName(f), BucketInName(f), Path.GetFileName(f).Contains("q-insert", StringComparison.Ordinal))).ToArray();
        Assert.Equal(pairs.Length, pairs.Distinct().Count());
        Assert.Equal("25 300", Row(session, "SELECT count(*), sum(n_nationkey) FROM etl.pb"));
    }

    [Fact]
    public void TooManyOpenBucketFilesIsAClearErrorThatLeavesNothing()
    {
        var session = new QuerySession(_catalog, new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions
        {
            Warehouse = Warehouse,
            WriteLimits = new WriteLimits { MaxOpenFiles = 3 },
        });
        Session(new LocalObjectStore());
        var error = Assert.Throws<ExecutionException>(() => session.Execute(
            "CREATE TABLE etl.b WITH (bucketed_by = ARRAY['n_nationkey'], bucket_count = 8) AS SELECT n_nationkey, n_name FROM etl.nation"));
        Assert.Contains("more than 3 files at once (one per partition and bucket)", error.Message, StringComparison.Ordinal);
        Assert.Null(_catalog.GetTable("etl", "b"));
        Assert.False(Directory.Exists(Path.Combine(Warehouse, "etl", "b")));
    }

    [Fact]
    public void FailedBucketedCtasLeavesNothing()
    {
        var session = Session(new FaultyObjectStore { FailCreateAt = 3 });
        Assert.Throws<StorageException>(() => session.Execute(
            "CREATE TABLE etl.b WITH (bucketed_by = ARRAY['n_nationkey'], bucket_count = 8) AS SELECT n_nationkey, n_name FROM etl.nation"));
        Assert.Null(_catalog.GetTable("etl", "b"));
        Assert.False(Directory.Exists(Path.Combine(Warehouse, "etl", "b")));
    }

    [Fact]
    public void DuckDbReadsTheBucketFilesAndAgreesWithTheirBuckets()
    {
        var session = TpchAnswerTests.NewSession("0.01");
        session.Execute($"CREATE DATABASE etl LOCATION '{Path.Combine(_dir, "etl")}'");
        session.Execute(
            "CREATE TABLE etl.orders WITH (bucketed_by = ARRAY['o_orderkey', 'o_custkey'], bucket_count = 8) AS " +
            "SELECT o_orderkey, o_custkey, o_totalprice, o_orderpriority FROM tpch.orders");
        var folder = Path.Combine(_dir, "etl", "orders");
        Assert.Equal(8, DataFiles(folder).Length);
        var files = $"read_parquet('{folder}/*.parquet', filename = true)";
        // DuckDB applies Hive's rule for two integer columns below 2^31: ((31 * key + cust) & 0x7FFFFFFF) % 8, and
        // compares it with the bucket number that starts the file's name.
        var duck = DuckDbReader.Query(
        [
            $"SELECT count(*) FROM {files}",
            $"SELECT CAST(sum(o_totalprice) AS varchar) FROM {files}",
            $"SELECT count(*) FROM {files} WHERE CAST(substr(parse_filename(filename), 1, 6) AS INTEGER) <> ((31 * o_orderkey + o_custkey) & 2147483647) % 8",
            $"SELECT count(DISTINCT filename) FROM {files}",
        ]);
        Assert.Equal(Row(session, "SELECT count(*) FROM tpch.orders"), duck[0]);
        Assert.Equal(Row(session, "SELECT CAST(sum(o_totalprice) AS varchar) FROM etl.orders"), duck[1]);
        Assert.Equal("0", duck[2]);
        Assert.Equal("8", duck[3]);
    }

    private static string Row(QuerySession session, string sql) => string.Join(' ', TpchAnswerTests.Render(session.Execute(sql))[0]);
}
