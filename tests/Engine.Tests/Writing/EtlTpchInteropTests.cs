using QueryEngine.Engine.Session;
using QueryEngine.Engine.Tests.Formats.Parquet;
using QueryEngine.Engine.Tests.TestSupport;
using QueryEngine.Engine.Tests.Tpch;
using Xunit;

namespace QueryEngine.Engine.Tests.Writing;

/// <summary>
/// CTAS of TPC-H SF 0.01 into partitioned Parquet (lineitem by l_shipmode, orders by year of o_orderdate), JSON and
/// TEXTFILE: DuckDB reading our files gets the same answers as our engine reading the new tables; and the TPC-H
/// queries over all eight tables copied to Parquet match the reference answers.
/// </summary>
public sealed class EtlTpchInteropTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qe-etl-interop", Guid.NewGuid().ToString("N"));

    public EtlTpchInteropTests() => Directory.CreateDirectory(_dir);

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

    private QuerySession NewSession()
    {
        var session = TpchAnswerTests.NewSession("0.01");
        session.Execute($"CREATE DATABASE etl LOCATION '{Path.Combine(_dir, "etl")}'");
        return session;
    }

    /// <summary>Runs each (ours, DuckDB's) pair of single-value queries and compares the values as text.</summary>
    private static void AssertSameAnswers(QuerySession session, IReadOnlyList<(string Ours, string DuckDb)> pairs)
    {
        var duck = DuckDbReader.Query(pairs.Select(p => p.DuckDb).ToArray());
        Assert.Equal(pairs.Count, duck.Count);
        for (var i = 0; i < pairs.Count; i++)
        {
            var ours = string.Join(' ', TpchAnswerTests.Render(session.Execute(pairs[i].Ours))[0]);
            Assert.True(ours == duck[i], $"{pairs[i].Ours}\n  ours:   {ours}\n  DuckDB: {duck[i]} ({pairs[i].DuckDb})");
        }
    }

    [Fact]
    public void LineitemPartitionedByShipModeReadsTheSameInDuckDb()
    {
        var session = NewSession();
        session.Execute(
            "CREATE TABLE etl.lineitem WITH (format = 'PARQUET', write_compression = 'SNAPPY', partitioned_by = ARRAY['l_shipmode']) AS " +
            "SELECT l_orderkey, l_partkey, l_suppkey, l_linenumber, l_quantity, l_extendedprice, l_discount, l_tax, l_returnflag, l_linestatus, " +
            "l_shipdate, l_commitdate, l_receiptdate, l_shipinstruct, l_comment, l_shipmode FROM tpch.lineitem");
        var files = $"read_parquet('{Path.Combine(_dir, "etl", "lineitem")}/*/*.parquet', hive_partitioning = true)";
        AssertSameAnswers(session,
        [
            ("SELECT count(*) FROM etl.lineitem", $"SELECT count(*) FROM {files}"),
            ("SELECT CAST(sum(l_extendedprice * (1 - l_discount)) AS varchar) FROM etl.lineitem", $"SELECT CAST(sum(l_extendedprice * (1 - l_discount)) AS varchar) FROM {files}"),
            ("SELECT CAST(sum(l_quantity) AS varchar) FROM etl.lineitem WHERE l_shipmode = 'AIR'", $"SELECT CAST(sum(l_quantity) AS varchar) FROM {files} WHERE l_shipmode = 'AIR'"),
            ("SELECT count(*) FROM etl.lineitem WHERE l_shipmode = 'TRUCK' AND l_returnflag = 'R'", $"SELECT count(*) FROM {files} WHERE l_shipmode = 'TRUCK' AND l_returnflag = 'R'"),
            ("SELECT CAST(min(l_shipdate) AS varchar) || ' ' || CAST(max(l_receiptdate) AS varchar) FROM etl.lineitem", $"SELECT CAST(min(l_shipdate) AS varchar) || ' ' || CAST(max(l_receiptdate) AS varchar) FROM {files}"),
            ("SELECT max(l_comment) || '|' || min(l_shipinstruct) FROM etl.lineitem", $"SELECT max(l_comment) || '|' || min(l_shipinstruct) FROM {files}"),
            ("SELECT count(DISTINCT l_shipmode) FROM etl.lineitem", $"SELECT count(DISTINCT l_shipmode) FROM {files}"),
            ("SELECT sum(l_orderkey * l_linenumber + l_partkey - l_suppkey) FROM etl.lineitem", $"SELECT sum(l_orderkey * l_linenumber + l_partkey - l_suppkey) FROM {files}"),
        ]);
        // Our engine over the new table agrees with our engine over the source.
        Assert.Equal(
            TpchAnswerTests.Render(session.Execute("SELECT l_shipmode, count(*), sum(l_tax) FROM tpch.lineitem GROUP BY l_shipmode ORDER BY 1")),
            TpchAnswerTests.Render(session.Execute("SELECT l_shipmode, count(*), sum(l_tax) FROM etl.lineitem GROUP BY l_shipmode ORDER BY 1")));
    }

    [Fact]
    public void OrdersPartitionedByYearJsonAndTextfileReadTheSameInDuckDb()
    {
        var session = NewSession();
        session.Execute(
            "CREATE TABLE etl.orders WITH (partitioned_by = ARRAY['o_year'], write_compression = 'ZSTD') AS " +
            "SELECT o_orderkey, o_custkey, o_orderstatus, o_totalprice, o_orderdate, o_orderpriority, o_clerk, o_shippriority, o_comment, year(o_orderdate) AS o_year FROM tpch.orders");
        session.Execute("CREATE TABLE etl.customer WITH (format = 'JSON') AS SELECT * FROM tpch.customer");
        session.Execute("CREATE TABLE etl.part WITH (format = 'TEXTFILE', field_delimiter = '|', write_compression = 'GZIP') AS SELECT * FROM tpch.part");

        var orders = $"read_parquet('{Path.Combine(_dir, "etl", "orders")}/*/*.parquet', hive_partitioning = true)";
        var customer = $"read_json('{Path.Combine(_dir, "etl", "customer")}/*.json', columns = {{c_custkey: 'BIGINT', c_name: 'VARCHAR', c_address: 'VARCHAR', c_nationkey: 'INTEGER', c_phone: 'VARCHAR', c_acctbal: 'DECIMAL(15,2)', c_mktsegment: 'VARCHAR', c_comment: 'VARCHAR'}})";
        var part = $"read_csv('{Path.Combine(_dir, "etl", "part")}/*.txt.gz', delim = '|', header = false, quote = '', nullstr = '\\N', columns = {{p_partkey: 'BIGINT', p_name: 'VARCHAR', p_mfgr: 'VARCHAR', p_brand: 'VARCHAR', p_type: 'VARCHAR', p_size: 'INTEGER', p_container: 'VARCHAR', p_retailprice: 'DECIMAL(15,2)', p_comment: 'VARCHAR'}})";
        AssertSameAnswers(session,
        [
            ("SELECT count(*) FROM etl.orders", $"SELECT count(*) FROM {orders}"),
            ("SELECT count(*) FROM etl.orders WHERE o_year = 1995", $"SELECT count(*) FROM {orders} WHERE o_year = 1995"),
            ("SELECT CAST(sum(o_totalprice) AS varchar) FROM etl.orders WHERE o_year = 1993", $"SELECT CAST(sum(o_totalprice) AS varchar) FROM {orders} WHERE o_year = 1993"),
            ("SELECT CAST(min(o_orderdate) AS varchar) || ' ' || max(o_clerk) FROM etl.orders WHERE o_year = 1998", $"SELECT CAST(min(o_orderdate) AS varchar) || ' ' || max(o_clerk) FROM {orders} WHERE o_year = 1998"),
            ("SELECT count(DISTINCT o_year) FROM etl.orders", $"SELECT count(DISTINCT o_year) FROM {orders}"),
            ("SELECT count(*) FROM etl.customer", $"SELECT count(*) FROM {customer}"),
            ("SELECT CAST(sum(c_acctbal) AS varchar) FROM etl.customer WHERE c_mktsegment = 'BUILDING'", $"SELECT CAST(sum(c_acctbal) AS varchar) FROM {customer} WHERE c_mktsegment = 'BUILDING'"),
            ("SELECT max(c_comment) || '|' || min(c_address) FROM etl.customer", $"SELECT max(c_comment) || '|' || min(c_address) FROM {customer}"),
            ("SELECT count(*) FROM etl.part", $"SELECT count(*) FROM {part}"),
            ("SELECT CAST(sum(p_retailprice) AS varchar) FROM etl.part WHERE p_size > 25", $"SELECT CAST(sum(p_retailprice) AS varchar) FROM {part} WHERE p_size > 25"),
            ("SELECT max(p_name) || '|' || min(p_type) FROM etl.part", $"SELECT max(p_name) || '|' || min(p_type) FROM {part}"),
        ]);
    }

    [Fact]
    public void TpchQueriesOverTablesCopiedToParquetMatchTheReferenceAnswers()
    {
        var session = NewSession();
        session.Execute($"CREATE DATABASE tpchpq LOCATION '{Path.Combine(_dir, "tpchpq")}'");
        foreach (var table in TpchData.Tables) session.Execute($"CREATE TABLE tpchpq.{table} AS SELECT * FROM tpch.{table}");
        session.Execute("USE tpchpq");
        foreach (var query in new[] { "q01", "q03", "q05", "q06", "q09", "q12", "q14", "q18" })
        {
            var sql = File.ReadAllText(Path.Combine(SharedData.TpchRoot, "queries", query + ".sql"));
            var rows = TpchAnswerTests.Render(session.Execute(sql));
            var answer = Path.Combine(SharedData.TpchRoot, "answers", "sf0.01", query + ".csv");
            var difference = AnswerComparer.Compare(rows, answer, AnswerComparer.NumericColumns(SharedData.TpchRoot, query));
            Assert.True(difference is null, $"{query} over Parquet copies: {difference}");
        }
    }
}
