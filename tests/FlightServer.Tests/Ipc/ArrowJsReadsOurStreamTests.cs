using System.Text.Json;
using QueryEngine.Engine.Columnar.Ipc;
using QueryEngine.FlightServer.Tests.Support;
using Xunit;

namespace QueryEngine.FlightServer.Tests.Ipc;

/// <summary>Streams written by our IPC writer are read by arrow-js (npm apache-arrow) with the same values.</summary>
public sealed class ArrowJsReadsOurStreamTests
{
    [Theory]
    [InlineData(IpcCompression.None)]
    [InlineData(IpcCompression.Lz4Frame)]
    [InlineData(IpcCompression.Zstd)]
    public void EveryEngineTypeDecodesToTheSameValues(IpcCompression compression)
    {
        var batch = IpcSamples.AllTypes();
        var file = Path.Combine(Path.GetTempPath(), $"qe-ipc-{Environment.ProcessId}-{Guid.NewGuid():N}.arrows");
        try
        {
            using (var stream = File.Create(file))
            {
                var writer = new IpcStreamWriter(stream, compression);
                writer.WriteSchema(batch.Schema);
                writer.WriteBatch(batch);
                writer.WriteBatch(batch);
                writer.WriteEnd();
            }
            var (exit, output, error) = NodeScript.Run("ipc-read.mjs", file);
            Assert.True(exit == 0, error);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("""{"rows":6,"batches":2}""", lines[0]);
            var columns = lines.Skip(1).Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(e => e.GetProperty("name").GetString()!);
            Assert.Equal(batch.Schema.Count, columns.Count);
            foreach (var (name, expectedType, expectedValues) in Expected)
            {
                var column = columns[name];
                Assert.Equal(expectedType, column.GetProperty("type").GetString());
                var values = column.GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.GetString()).ToArray();
                Assert.Equal(JsonSerializer.Serialize(expectedValues.Concat(expectedValues)), JsonSerializer.Serialize(values));
            }
            Assert.False(columns["i32"].GetProperty("nullable").GetBoolean());
            Assert.True(columns["i64"].GetProperty("nullable").GetBoolean());
            var jsonMetadata = columns["j"].GetProperty("metadata");
            Assert.Equal("arrow.json", jsonMetadata.GetProperty("ARROW:extension:name").GetString());
            Assert.Equal("{}", jsonMetadata.GetProperty("ARROW:extension:metadata").GetString());
            Assert.False(columns["s"].GetProperty("metadata").TryGetProperty("ARROW:extension:name", out _));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static readonly (string Name, string Type, string?[] Values)[] Expected =
    [
        ("b", "Bool", ["true", null, "false"]),
        ("i8", "Int8", ["1", "-2", null]),
        ("i16", "Int16", ["300", null, "-300"]),
        ("i32", "Int32", ["1048576", "-5", "7"]),
        ("i64", "Int64", ["1099511627776", null, "-7"]),
        ("f32", "Float32", ["1.5", null, "-2.25"]),
        ("f64", "Float64", ["3.25", "-10000000000", null]),
        ("dec", "Decimal[15e+2]", ["123.45", "-0.01", null]),
        ("s", "Utf8", ["héllo", null, "z"]),
        ("bin", "Binary", ["017f", "", null]),
        // arrow-js shows dates and timestamps as epoch milliseconds.
        ("d", "Date32<DAY>", ["0", null, "-86400000"]),
        ("ts", "Timestamp<MICROSECOND>", ["1000", null, "1700000000123.456"]),
        ("tstz", "Timestamp<MICROSECOND, UTC>", ["0", "86400000", null]),
        ("tsny", "Timestamp<MICROSECOND, America/New_York>", ["1577890800000", null, "0"]),
        ("ts0", "Timestamp<SECOND>", ["1700000000000", null, "-1000"]),
        ("ts3", "Timestamp<MILLISECOND, UTC>", ["1700000000123", "-1", null]),
        ("ts9", "Timestamp<NANOSECOND, UTC>", ["1000.000001", "-0.000001", null]),
        ("l", "List<Int32>", ["[1,2]", null, "[]"]),
        ("st", "Struct<{a:Int32, b:Utf8}>", ["{\"a\":1,\"b\":\"x\"}", null, "{\"a\":2,\"b\":null}"]),
        ("m", "Map<{key:Utf8, value:Int64}>", ["{\"k\":\"1\"}", null, "{}"]),
        // arrow-js shows time64 values in their unit: microseconds and nanoseconds of the day.
        ("tm", "Time64<MICROSECOND>", ["37230123456", null, "86399999999"]),
        ("tn", "Time64<NANOSECOND>", ["1", "0", null]),
        // arrow-js shows a year-month interval as [years, months] and a duration as its count of the unit.
        ("iym", "Interval<YEAR_MONTH>", ["[\"1\",\"2\"]", null, "[\"0\",\"-3\"]"]),
        ("ids", "Duration<MILLISECOND>", ["90061001", "-500", null]),
        // JSON travels as utf8 marked with the canonical arrow.json extension.
        ("j", "Utf8", ["{\"a\":[1,2]}", null, "\"x\""]),
        ("n", "Null", [null, null, null]),
    ];
}
