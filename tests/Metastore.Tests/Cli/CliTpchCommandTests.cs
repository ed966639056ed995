using System.Security.Cryptography;
using QueryEngine.Cli;
using QueryEngine.Engine.Tests.TestSupport;
using Xunit;

namespace QueryEngine.Metastore.Tests.Cli;

/// <summary><c>qe tpch generate</c> and <c>qe tpch bench</c> end to end.</summary>
public sealed class CliTpchCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void GenerateWritesDbgenIdenticalFiles()
    {
        var (code, output, error) = Run("tpch", "generate", "--sf", "0.01", "--out", "data", "--tables", "nation,region,supplier");
        Assert.True(code == 0, error);
        Assert.Contains("supplier", output, StringComparison.Ordinal);
        var sums = File.ReadAllLines(Path.Combine(SharedData.TpchRoot, "data", "SHA256SUMS"))
            .Select(l => l.Split("  "))
            .ToDictionary(p => p[1], p => p[0]);
        foreach (var table in new[] { "nation", "region", "supplier" })
        {
            var bytes = File.ReadAllBytes(_dir.Combine("data", table, table + ".tbl"));
            Assert.Equal(sums[$"sf0.01/{table}.tbl"], Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
        Assert.False(Directory.Exists(_dir.Combine("data", "lineitem")));
    }

    [Fact]
    public void GenerateRejectsUnknownTablesAndScaleFactors()
    {
        Assert.Equal(64, Run("tpch", "generate", "--sf", "0.01", "--out", "data", "--tables", "nations").Code);
        Assert.Equal(64, Run("tpch", "generate", "--sf", "1.5", "--out", "data").Code);
        Assert.Equal(64, Run("tpch", "bench", "--sf", "0.01", "--queries", "23").Code);
        Assert.Equal(64, Run("tpch", "frobnicate").Code);
        Assert.Equal(64, Run("tpch", "generate", "--sf", "0.01", "--out", "data", "--format", "orc").Code);
    }

    /// <summary>
    /// The runner generates the data, checks our answers against the reference answers and runs DuckDB (npm, pinned in
    /// tpch/duckdb) on the same files: the report has a ratio for each query and their geometric mean.
    /// </summary>
    [Fact]
    public void BenchChecksAnswersAndComparesWithDuckDb()
    {
        var (code, output, error) = Run(
            "tpch", "bench", "--sf", "0.01", "--data", "sf001", "--runs", "2", "--queries", "1,6,13",
            "--answers", Path.Combine(SharedData.TpchRoot, "answers", "sf0.01"), "--vs", "duckdb",
            "--duckdb-script", Path.Combine(RepositoryRoot(), "tpch", "duckdb", "bench.mjs"));
        Assert.True(code == 0, output + error);
        var lines = output.Split('\n');
        foreach (var query in new[] { "q01", "q06", "q13" })
        {
            var line = Assert.Single(lines, l => l.StartsWith(query, StringComparison.Ordinal));
            Assert.EndsWith("ok", line, StringComparison.Ordinal);
            // The peak heap column (before "ok") is a positive number of MB.
            var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(double.Parse(columns[^2], System.Globalization.CultureInfo.InvariantCulture) > 0, line);
        }
        Assert.Contains("alloc MB  peak MB  answer", output, StringComparison.Ordinal);
        Assert.Contains("geometric mean of qe/duckdb median ratios over 3 queries", output, StringComparison.Ordinal);
        Assert.DoesNotContain("note: DuckDB returned", output, StringComparison.Ordinal);
        Assert.Contains("all answers as expected", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Parquet generation writes one file per table (no scratch or temporary files left), and our engine reads them
    /// back with the dbgen row counts, without DuckDB.
    /// </summary>
    [Fact]
    public void GenerateParquetWritesReadableTables()
    {
        var (code, output, error) = Run("tpch", "generate", "--sf", "0.01", "--format", "parquet", "--out", "pq", "--tables", "nation,supplier,orders");
        Assert.True(code == 0, output + error);
        Assert.Equal<string>(["nation", "orders", "supplier"], Directory.GetFileSystemEntries(_dir.Combine("pq")).Select(p => Path.GetFileName(p)).Order().ToArray());
        foreach (var table in new[] { "nation", "supplier", "orders" })
        {
            Assert.Equal<string>([table + ".parquet"], Directory.GetFiles(_dir.Combine("pq", table)).Select(p => Path.GetFileName(p)).ToArray());
        }
        var catalog = new QueryEngine.Engine.Catalog.InMemoryCatalog();
        QueryEngine.Tpch.TpchSchema.Register(catalog, "tpch", _dir.Combine("pq"), "test", QueryEngine.Tpch.TpchFormat.Parquet);
        var session = new QueryEngine.Engine.Session.QuerySession(
            catalog,
            new QueryEngine.Engine.Catalog.FileTableSourceFactory(new QueryEngine.Engine.Storage.LocalObjectStore()),
            new QueryEngine.Engine.Session.SessionOptions { DefaultDatabase = "tpch" });
        var counts = new Dictionary<string, long> { ["nation"] = 25, ["supplier"] = 100, ["orders"] = 15_000 };
        foreach (var (table, expected) in counts)
        {
            var result = session.Execute($"SELECT count(*) FROM {table}", CancellationToken.None);
            Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), QueryEngine.Tpch.Bench.TpchBenchmark.Render(result)[0][0]);
        }
    }

    /// <summary>
    /// CSV: a header line, comma-separated, quoted fields (read back through the OpenCSVSerde reader) that hold
    /// exactly the rows of the reference dbgen files.
    /// </summary>
    [Fact]
    public void GenerateCsvWritesTheReferenceRowsWithAHeader()
    {
        var (code, output, error) = Run("tpch", "generate", "--sf", "0.01", "--format", "csv", "--out", "csv", "--tables", "nation,supplier");
        Assert.True(code == 0, output + error);
        Assert.Equal<string>(["nation", "supplier"], Directory.GetFileSystemEntries(_dir.Combine("csv")).Select(p => Path.GetFileName(p)).Order().ToArray());
        var nation = File.ReadAllLines(_dir.Combine("csv", "nation", "nation.csv"));
        Assert.Equal("n_nationkey,n_name,n_regionkey,n_comment", nation[0]);
        Assert.Equal(26, nation.Length);
        Assert.Contains(nation, line => line.Contains(",\"", StringComparison.Ordinal));
        Assert.DoesNotContain(nation, line => line.Contains('|', StringComparison.Ordinal));

        var catalog = new QueryEngine.Engine.Catalog.InMemoryCatalog();
        var session = new QueryEngine.Engine.Session.QuerySession(
            catalog,
            new QueryEngine.Engine.Catalog.FileTableSourceFactory(new QueryEngine.Engine.Storage.LocalObjectStore()),
            new QueryEngine.Engine.Session.SessionOptions());
        var reference = Path.Combine(SharedData.TpchRoot, "data", "sf0.01");
        session.ExecuteScript($$"""
            CREATE EXTERNAL TABLE csv_supplier (s_suppkey string, s_name string, s_address string, s_nationkey string,
              s_phone string, s_acctbal string, s_comment string)
            ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'
            WITH SERDEPROPERTIES ('separatorChar' = ',', 'quoteChar' = '"')
            LOCATION '{{_dir.Combine("csv", "supplier")}}'
            TBLPROPERTIES ('skip.header.line.count' = '1');
            CREATE EXTERNAL TABLE tbl_supplier (s_suppkey string, s_name string, s_address string, s_nationkey string,
              s_phone string, s_acctbal string, s_comment string)
            ROW FORMAT DELIMITED FIELDS TERMINATED BY '|'
            LOCATION '{{Path.Combine(reference, "supplier.tbl.gz")}}'
            """);
        string Scalar(string sql) => QueryEngine.Tpch.Bench.TpchBenchmark.Render(session.Execute(sql, CancellationToken.None))[0][0];
        Assert.Equal("100", Scalar("SELECT count(*) FROM csv_supplier"));
        Assert.Equal("0", Scalar("SELECT count(*) FROM (SELECT * FROM csv_supplier EXCEPT SELECT * FROM tbl_supplier)"));
        Assert.Equal("0", Scalar("SELECT count(*) FROM (SELECT * FROM tbl_supplier EXCEPT SELECT * FROM csv_supplier)"));
    }

    /// <summary>The runner over Parquet: generated when missing, answers checked, DuckDB on the same Parquet files.</summary>
    [Fact]
    public void BenchOverParquetChecksAnswersAndComparesWithDuckDb()
    {
        var (code, output, error) = Run(
            "tpch", "bench", "--format", "parquet", "--sf", "0.01", "--data", "sf001pq", "--runs", "1", "--queries", "1,6",
            "--answers", Path.Combine(SharedData.TpchRoot, "answers", "sf0.01"), "--vs", "duckdb",
            "--duckdb-script", Path.Combine(RepositoryRoot(), "tpch", "duckdb", "bench.mjs"));
        Assert.True(code == 0, output + error);
        Assert.True(File.Exists(_dir.Combine("sf001pq", "lineitem", "lineitem.parquet")));
        var lines = output.Split('\n');
        foreach (var query in new[] { "q01", "q06" })
        {
            var line = Assert.Single(lines, l => l.StartsWith(query, StringComparison.Ordinal));
            Assert.EndsWith("ok", line, StringComparison.Ordinal);
        }
        Assert.Contains("parquet data", output, StringComparison.Ordinal);
        Assert.Contains("geometric mean of qe/duckdb median ratios over 2 queries", output, StringComparison.Ordinal);
        Assert.DoesNotContain("note: DuckDB returned", output, StringComparison.Ordinal);
        Assert.Contains("all answers as expected", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The scan benchmark (issue #3): DuckDB writes lineitem as Parquet from dbgen text generated into a scratch folder
    /// (removed afterwards), then both engines run the three scan queries over that file.
    /// </summary>
    [Fact]
    public void BenchScanQueriesRunOverDuckDbWrittenLineitem()
    {
        var script = Path.Combine(RepositoryRoot(), "tpch", "duckdb", "bench.mjs");
        var (code, output, error) = Run("tpch", "bench", "--sf", "0.01", "--data", "scan", "--runs", "1", "--queries", "scan", "--vs", "duckdb", "--duckdb-script", script);
        Assert.True(code == 0, output + error);
        var parquet = _dir.Combine("scan", "lineitem", "lineitem.parquet");
        var bytes = File.ReadAllBytes(parquet);
        // The footer's created_by names DuckDB; nothing but the one table is left in the folder.
        Assert.Contains("DuckDB", System.Text.Encoding.ASCII.GetString(bytes, Math.Max(0, bytes.Length - 4096), Math.Min(4096, bytes.Length)), StringComparison.Ordinal);
        Assert.Equal(["lineitem"], Directory.GetDirectories(_dir.Combine("scan")).Select(d => Path.GetFileName(d)!).ToArray());
        Assert.Equal([parquet], Directory.GetFiles(_dir.Combine("scan"), "*", SearchOption.AllDirectories));
        var lines = output.Split('\n');
        foreach (var query in new[] { "scan_a", "scan_b", "scan_c" }) Assert.Single(lines, l => l.StartsWith(query, StringComparison.Ordinal));
        Assert.DoesNotContain("q01", output, StringComparison.Ordinal);
        Assert.Contains("geometric mean of qe/duckdb median ratios over 3 queries", output, StringComparison.Ordinal);
        Assert.DoesNotContain("note: DuckDB returned", output, StringComparison.Ordinal);

        // Without DuckDB the file cannot be written; with a text format the set does not apply.
        Assert.Equal(64, Run("tpch", "bench", "--sf", "0.01", "--data", "elsewhere", "--queries", "scan").Code);
        Assert.Equal(64, Run("tpch", "bench", "--sf", "0.01", "--data", "scan", "--queries", "scan", "--format", "tbl").Code);
    }

    private (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(TextReader.Null, false, output, error, _ => null, _dir.Path);
        var code = CliApplication.Run(args, console, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QueryEngine.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("QueryEngine.sln not found above " + AppContext.BaseDirectory);
    }
}
