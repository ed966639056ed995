using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Formats.Parquet.Writing;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Tests.TestSupport;
using Xunit;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>
/// Parquet TIMESTAMP units against DuckDB both ways: the unit gives the precision we read (MILLIS timestamp(3),
/// MICROS timestamp(6), NANOS timestamp(9) with exact nanoseconds), and we write timestamp(0..3) in MILLIS,
/// timestamp(4..6) in MICROS and timestamp(7..12) in NANOS (digits past the ninth dropped), which DuckDB reads back
/// with the same values.
/// </summary>
public sealed class ParquetTimestampPrecisionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private QuerySession Session() =>
        new(new InMemoryCatalog(), new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions { Warehouse = _dir.File("warehouse") });

    private static List<string> Rows(StatementResult result) => RowText.Lines(result.Batches);

    [Fact]
    public void TheUnitDuckDbWritesGivesThePrecisionWeRead()
    {
        var path = _dir.File("duckdb.parquet");
        var duck = DuckDbReader.Query([
            $"COPY (SELECT * FROM (VALUES " +
            $"(1, TIMESTAMP_MS '2020-01-01 10:00:00.123', TIMESTAMP '2020-01-01 10:00:00.123456', TIMESTAMP_NS '2020-01-01 10:00:00.123456789', TIMESTAMPTZ '2020-01-01 10:00:00.5+00'), " +
            $"(2, TIMESTAMP_MS '1969-12-31 23:59:59.999', TIMESTAMP '1969-12-31 23:59:59.999999', TIMESTAMP_NS '1969-12-31 23:59:59.999999999', NULL), " +
            $"(3, NULL, NULL, NULL, TIMESTAMPTZ '1999-12-31 23:59:59.999999+00')) t(id, ms, us, ns, tz) ORDER BY id) TO '{path}' (FORMAT PARQUET)",
            $"SELECT string_agg(concat_ws('|', id, coalesce(CAST(ms AS VARCHAR), 'NULL'), coalesce(CAST(us AS VARCHAR), 'NULL'), coalesce(CAST(ns AS VARCHAR), 'NULL')), ';' ORDER BY id) FROM read_parquet('{path}')",
        ]);
        // DuckDB's own text of the millisecond, microsecond and nanosecond columns.
        Assert.Equal("1|2020-01-01 10:00:00.123|2020-01-01 10:00:00.123456|2020-01-01 10:00:00.123456789;2|1969-12-31 23:59:59.999|1969-12-31 23:59:59.999999|1969-12-31 23:59:59.999999999;3|NULL|NULL|NULL", duck[1]);
        var rows = Rows(Session().Execute(
            $"SELECT id, ms, typeof(ms), us, typeof(us), ns, typeof(ns), ns > TIMESTAMP '2020-01-01 10:00:00.123456788999', tz, typeof(tz) FROM read_parquet('{path}') ORDER BY id"));
        Assert.Equal(
            [
                "1|2020-01-01 10:00:00.123|timestamp(3)|2020-01-01 10:00:00.123456|timestamp(6)|2020-01-01 10:00:00.123456789|timestamp(9)|true|2020-01-01 10:00:00.500000 UTC|timestamp(6) with time zone",
                "2|1969-12-31 23:59:59.999|timestamp(3)|1969-12-31 23:59:59.999999|timestamp(6)|1969-12-31 23:59:59.999999999|timestamp(9)|false|NULL|timestamp(6) with time zone",
                "3|NULL|timestamp(3)|NULL|timestamp(6)|NULL|timestamp(9)|NULL|1999-12-31 23:59:59.999999 UTC|timestamp(6) with time zone",
            ],
            rows);
    }

    [Fact]
    public void DuckDbReadsTheUnitsAndValuesWeWrite()
    {
        var path = _dir.File("ours.parquet");
        var result = Session().Execute(
            "SELECT id, CAST(x AS TIMESTAMP(0)) AS s, CAST(x AS TIMESTAMP(3)) AS ms, CAST(x AS TIMESTAMP(6)) AS us, CAST(x AS TIMESTAMP(3) WITH TIME ZONE) AS tz, n FROM (VALUES " +
            "(1, TIMESTAMP '2020-01-01 10:00:00.123456 UTC', TIMESTAMP '2020-01-01 10:00:00.123456789999'), " +
            "(2, TIMESTAMP '1969-12-31 23:59:59.999500 UTC', TIMESTAMP '1969-12-31 23:59:59.999999999999'), (3, NULL, NULL)) t(id, x, n)");
        using (var stream = File.Create(path))
        {
            var writer = new ParquetWriter(stream, result.Schema, new ParquetWriterOptions());
            foreach (var batch in result.Batches) writer.Write(batch);
            writer.Finish();
        }
        var duck = DuckDbReader.Query([
            $"SELECT string_agg(concat_ws('|', id, coalesce(CAST(epoch_ms(s) AS VARCHAR), 'NULL'), coalesce(CAST(epoch_ms(ms) AS VARCHAR), 'NULL'), " +
            $"coalesce(CAST(epoch_us(us) AS VARCHAR), 'NULL'), coalesce(CAST(epoch_ms(tz) AS VARCHAR), 'NULL'), coalesce(CAST(epoch_ns(n) AS VARCHAR), 'NULL')), ';' ORDER BY id) FROM read_parquet('{path}')",
            $"SELECT string_agg(name || '=' || CASE WHEN contains(logical_type, 'MILLIS=MilliSeconds()') THEN 'millis' WHEN contains(logical_type, 'MICROS=MicroSeconds()') THEN 'micros' WHEN contains(logical_type, 'NANOS=NanoSeconds()') THEN 'nanos' ELSE logical_type END, ',' ORDER BY name) " +
            $"FROM parquet_schema('{path}') WHERE name IN ('s', 'ms', 'us', 'tz', 'n')",
        ]);
        // Rounded half up to each precision: .123456 is .123 at 3 and 10:00:00 at 0; 23:59:59.9995 carries into 1970.
        // timestamp(12) goes out in nanoseconds, its last three digits dropped (floor): .123456789999 is ...789, and -1 ps is -1 ns.
        Assert.Equal("1|1577872800000|1577872800123|1577872800123456|1577872800123|1577872800123456789;2|0|0|-500|0|-1;3|NULL|NULL|NULL|NULL|NULL", duck[0]);
        Assert.Equal("ms=millis,n=nanos,s=millis,tz=millis,us=micros", duck[1]);
        var ours = Rows(Session().Execute($"SELECT id, s, typeof(s), ms, us, typeof(us), tz, n, typeof(n) FROM read_parquet('{path}') ORDER BY id"));
        Assert.Equal(
            [
                "1|2020-01-01 10:00:00.000|timestamp(3)|2020-01-01 10:00:00.123|2020-01-01 10:00:00.123456|timestamp(6)|2020-01-01 10:00:00.123 UTC|2020-01-01 10:00:00.123456789|timestamp(9)",
                "2|1970-01-01 00:00:00.000|timestamp(3)|1970-01-01 00:00:00.000|1969-12-31 23:59:59.999500|timestamp(6)|1970-01-01 00:00:00.000 UTC|1969-12-31 23:59:59.999999999|timestamp(9)",
                "3|NULL|timestamp(3)|NULL|NULL|timestamp(6)|NULL|NULL|timestamp(9)",
            ],
            ours);
    }
}
