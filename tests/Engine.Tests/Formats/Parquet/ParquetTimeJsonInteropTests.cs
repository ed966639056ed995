using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Formats.Parquet.Writing;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Tests.TestSupport;
using Xunit;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>
/// Parquet TIME and JSON columns against DuckDB both ways: DuckDB writes a TIME and a JSON column and we read them
/// as time(6) and json; we write time(3)/time(6) and json and DuckDB reads them as TIME and JSON with the same values.
/// </summary>
public sealed class ParquetTimeJsonInteropTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private QuerySession Session() =>
        new(new InMemoryCatalog(), new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions { Warehouse = _dir.File("warehouse") });

    private static List<string> Rows(StatementResult result) => RowText.Lines(result.Batches);

    [Fact]
    public void WeReadTheTimeAndJsonColumnsDuckDbWrites()
    {
        var path = _dir.File("duckdb.parquet");
        DuckDbReader.Query([
            $"COPY (SELECT * FROM (VALUES (1, TIME '10:20:30.123456', '{{\"b\": 1, \"a\": [1, 2.5, \"x\"]}}'::JSON), " +
            $"(2, TIME '00:00:00', '\"s\"'::JSON), (3, TIME '23:59:59.999999', NULL), (4, NULL, '[]'::JSON)) t(id, t, j) ORDER BY id) TO '{path}' (FORMAT PARQUET)",
        ]);
        var rows = Rows(Session().Execute($"SELECT id, t, typeof(t), j, typeof(j), hour(t) FROM read_parquet('{path}') ORDER BY id"));
        Assert.Equal(
            [
                "1|10:20:30.123456|time(6)|{\"a\":[1,2.5,\"x\"],\"b\":1}|json|10",
                "2|00:00:00.000000|time(6)|\"s\"|json|0",
                "3|23:59:59.999999|time(6)|NULL|json|23",
                "4|NULL|time(6)|[]|json|NULL",
            ],
            rows);
        var matches = Rows(Session().Execute($"SELECT id FROM read_parquet('{path}') WHERE j = JSON '{{\"a\": [1, 2.5, \"x\"], \"b\": 1}}'"));
        Assert.Equal(["1"], matches);
    }

    [Fact]
    public void DuckDbReadsTheTimeAndJsonColumnsWeWrite()
    {
        var path = _dir.File("ours.parquet");
        var result = Session().Execute(
            "SELECT * FROM (VALUES (1, TIME '10:20:30.123', CAST(TIME '10:20:30.123456' AS TIME(6)), JSON '{\"b\": 1, \"a\": [1, 2.5]}'), " +
            "(2, TIME '00:00:00.000', CAST(TIME '23:59:59.999999' AS TIME(6)), CAST('s' AS JSON)), (3, NULL, NULL, NULL)) t(id, ms, us, j)");
        using (var stream = File.Create(path))
        {
            var writer = new ParquetWriter(stream, result.Schema, new ParquetWriterOptions());
            foreach (var batch in result.Batches) writer.Write(batch);
            writer.Finish();
        }
        var duck = DuckDbReader.Query([
            $"SELECT string_agg(concat_ws('|', id, coalesce(CAST(ms AS VARCHAR), 'NULL'), typeof(ms), coalesce(CAST(us AS VARCHAR), 'NULL'), typeof(us), " +
            $"coalesce(CAST(j AS VARCHAR), 'NULL'), typeof(j)), ';' ORDER BY id) FROM read_parquet('{path}')",
            $"SELECT json_extract(j, '$.a[1]') FROM read_parquet('{path}') WHERE id = 1",
        ]);
        Assert.Equal(
            "1|10:20:30.123|TIME|10:20:30.123456|TIME|{\"a\":[1,2.5],\"b\":1}|JSON;" +
            "2|00:00:00|TIME|23:59:59.999999|TIME|\"s\"|JSON;" +
            "3|NULL|TIME|NULL|TIME|NULL|JSON",
            duck[0]);
        Assert.Equal("2.5", duck[1]);
        // And our reader gets the same values back, with the precision the file's unit gives.
        var ours = Rows(Session().Execute($"SELECT id, ms, typeof(ms), us, j FROM read_parquet('{path}') ORDER BY id"));
        Assert.Equal(
            [
                "1|10:20:30.123000|time(6)|10:20:30.123456|{\"a\":[1,2.5],\"b\":1}",
                "2|00:00:00.000000|time(6)|23:59:59.999999|\"s\"",
                "3|NULL|time(6)|NULL|NULL",
            ],
            ours);
    }
}
