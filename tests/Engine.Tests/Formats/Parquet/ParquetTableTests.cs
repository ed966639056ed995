using Xunit;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Parquet.Writing;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Tests.Tpch;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>
/// <c>STORED AS PARQUET</c> tables over files that differ from the declared columns (another integer width, a
/// missing column, other letter case), partitioned by <c>key=value</c> folders, and <c>read_parquet</c> globs.
/// </summary>
public sealed class ParquetTableTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public ParquetTableTests()
    {
        var narrow = new Schema([new Field("ID", DataType.Int32), new Field("name", DataType.Utf8)]);
        Write("t/dt=2020-01-01/a.parquet", narrow, [new PrimitiveArray<int>(DataType.Int32, [1, 2]), Strings("one", null)]);
        var wide = new Schema([new Field("id", DataType.Int64), new Field("name", DataType.Utf8), new Field("extra", DataType.Float64)]);
        Write("t/dt=2020-01-02/b.parquet", wide, [new PrimitiveArray<long>(DataType.Int64, [3, 4_000_000_000]), Strings("three", "four"), new PrimitiveArray<double>(DataType.Float64, [0.5, 1.5])]);
        _dir.Write("t/_SUCCESS", "");
    }

    [Fact]
    public void ColumnsMatchByNameWidenAndMissingOnesAreNull()
    {
        var rows = Query("SELECT dt, id, name, extra FROM t ORDER BY id");
        Assert.Equal(
            ["2020-01-01|1|one|NULL", "2020-01-01|2|NULL|NULL", "2020-01-02|3|three|0.5", "2020-01-02|4000000000|four|1.5"],
            rows);
    }

    [Fact]
    public void PartitionAndStatisticsFilters()
    {
        Assert.Equal(["3|three"], Query("SELECT id, name FROM t WHERE dt = DATE '2020-01-02' AND id < 4 ORDER BY id"));
        Assert.Equal(["2"], Query("SELECT count(*) FROM t WHERE id >= 3"));
        Assert.Equal(["0"], Query("SELECT count(*) FROM t WHERE id > 5000000000"));
    }

    [Fact]
    public void ReadParquetGlobs()
    {
        var session = NewSession();
        Assert.Equal(["4"], Render(session.Execute($"SELECT count(*) FROM read_parquet('{_dir.Path}/t/*/*.parquet')")));
        Assert.Equal(["2"], Render(session.Execute($"SELECT count(*) FROM read_parquet('{_dir.Path}/t/**/b.parquet')")));
        Assert.Equal(["1|one"], Render(session.Execute($"SELECT id, name FROM read_parquet('{_dir.Path}/t/dt=2020-01-01/a.parquet') WHERE id = 1")));
        Assert.Throws<NotFoundException>(() => session.Execute($"SELECT * FROM read_parquet('{_dir.Path}/nothing/*.parquet')"));
    }

    [Fact]
    public void IncompatibleTypesAreAnErrorNamingTheFile()
    {
        var session = NewSession();
        session.ExecuteScript($"CREATE EXTERNAL TABLE d (name date) STORED AS PARQUET LOCATION '{_dir.Path}/t/dt=2020-01-01';");
        var ex = Assert.ThrowsAny<QueryException>(() => session.Execute("SELECT * FROM d"));
        Assert.Contains("a.parquet", ex.Message, StringComparison.Ordinal);
    }

    private List<string> Query(string sql)
    {
        var session = NewSession();
        session.ExecuteScript($"""
            CREATE EXTERNAL TABLE t (id bigint, name string, extra double)
            PARTITIONED BY (dt date)
            STORED AS PARQUET
            LOCATION '{_dir.Path}/t';
            MSCK REPAIR TABLE t;
            """);
        return Render(session.Execute(sql));
    }

    private static QuerySession NewSession()
    {
        var session = new QuerySession(new InMemoryCatalog(), new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions());
        session.ExecuteScript("CREATE DATABASE IF NOT EXISTS p; USE p;");
        return session;
    }

    private static List<string> Render(StatementResult result) => TpchAnswerTests.Render(result).Select(r => string.Join("|", r)).ToList();

    private static BinaryArray Strings(params string?[] values)
    {
        var builder = new BinaryBuilder(DataType.Utf8);
        foreach (var v in values) builder.AppendValue(v);
        return (BinaryArray)builder.Build();
    }

    private void Write(string relative, Schema schema, ArrowArray[] columns)
    {
        var path = _dir.File(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = File.Create(path);
        var writer = new ParquetWriter(stream, schema);
        writer.Write(new RecordBatch(schema, columns, columns[0].Length));
        writer.Finish();
    }

    public void Dispose() => _dir.Dispose();
}
