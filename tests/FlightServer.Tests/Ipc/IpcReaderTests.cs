using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Columnar.Ipc;
using QueryEngine.Engine.Common;
using QueryEngine.FlightServer.Tests.Support;
using Xunit;

namespace QueryEngine.FlightServer.Tests.Ipc;

/// <summary>Our IPC reader decodes what arrow-js writes and what our writer writes.</summary>
public sealed class IpcReaderTests
{
    [Theory]
    [InlineData("none")]
    [InlineData("lz4_frame")]
    [InlineData("zstd")]
    public void ReadsWhatArrowJsWrites(string codec)
    {
        var file = Path.Combine(Path.GetTempPath(), $"qe-ipc-js-{Environment.ProcessId}-{Guid.NewGuid():N}.arrows");
        try
        {
            var (exit, _, error) = NodeScript.Run("ipc-write.mjs", file, codec);
            Assert.True(exit == 0, error);
            using var stream = File.OpenRead(file);
            var reader = new IpcStreamReader(stream);
            var schema = reader.ReadSchema();
            var batches = new List<RecordBatch>();
            while (reader.ReadBatch() is { } batch) batches.Add(batch);
            Assert.Equal(2, batches.Count);
            Assert.False(schema[schema.IndexOf("i32")].Nullable);
            foreach (var batch in batches)
            {
                foreach (var (name, type, values) in Expected)
                {
                    var column = batch.Column(schema.IndexOf(name));
                    Assert.Equal(type, column.Type.SqlName);
                    Assert.Equal(values, Enumerable.Range(0, 3).Select(r => column.IsNull(r) ? "NULL" : ValueFormatter.Format(column, r)).ToArray());
                }
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(IpcCompression.None)]
    [InlineData(IpcCompression.Lz4Frame)]
    [InlineData(IpcCompression.Zstd)]
    public void ReadsWhatOurWriterWrites(IpcCompression compression)
    {
        var batch = IpcSamples.AllTypes();
        using var buffer = new MemoryStream();
        var writer = new IpcStreamWriter(buffer, compression);
        writer.WriteSchema(batch.Schema);
        writer.WriteBatch(batch);
        writer.WriteEnd();
        buffer.Position = 0;
        var reader = new IpcStreamReader(buffer);
        Assert.Equal(batch.Schema, reader.ReadSchema());
        var read = reader.ReadBatch();
        Assert.NotNull(read);
        Assert.Null(reader.ReadBatch());
        for (var c = 0; c < batch.Columns.Count; c++)
        {
            for (var r = 0; r < batch.RowCount; r++)
            {
                Assert.Equal(Render(batch.Column(c), r), Render(read.Column(c), r));
            }
        }
    }

    [Fact]
    public void CompressionShrinksRepetitiveBodies()
    {
        var values = new long[100_000];
        for (var i = 0; i < values.Length; i++) values[i] = i % 10;
        var schema = new Schema([new Field("v", DataType.Int64, false)]);
        var batch = new RecordBatch(schema, [new PrimitiveArray<long>(DataType.Int64, values, values.Length, null)], values.Length);
        var plain = IpcArrayEncoder.Encode(batch).Body.Length;
        foreach (var compression in new[] { IpcCompression.Lz4Frame, IpcCompression.Zstd })
        {
            var message = IpcArrayEncoder.Encode(batch, compression);
            Assert.True(message.Body.Length * 10 < plain, $"{compression}: {message.Body.Length} bytes of {plain}");
            var decoded = IpcMessageDecoder.ForSchema(schema).Decode(message.Header, message.Body);
            Assert.NotNull(decoded);
            Assert.Equal(values, ((PrimitiveArray<long>)decoded.Column(0)).Values.ToArray());
        }
    }

    [Theory]
    [InlineData(IpcCompression.None)]
    [InlineData(IpcCompression.Zstd)]
    [InlineData(IpcCompression.Lz4Frame)]
    public void TruncatedOrCorruptStreamsAreProtocolErrors(IpcCompression compression)
    {
        var batch = IpcSamples.AllTypes();
        using var buffer = new MemoryStream();
        var writer = new IpcStreamWriter(buffer, compression);
        writer.WriteSchema(batch.Schema);
        writer.WriteBatch(batch);
        var bytes = buffer.ToArray();
        var random = new Random(42);
        for (var cut = 1; cut < bytes.Length; cut += 7)
        {
            AssertFailsCleanly(bytes[..cut]);
        }
        for (var i = 0; i < 300; i++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[random.Next(8, damaged.Length)] ^= (byte)(1 << random.Next(8));
            AssertFailsCleanly(damaged);
        }
    }

    private static void AssertFailsCleanly(byte[] bytes)
    {
        try
        {
            var reader = new IpcStreamReader(new MemoryStream(bytes));
            reader.ReadSchema();
            while (reader.ReadBatch() is not null)
            {
            }
        }
        catch (QueryException)
        {
            // ProtocolException / NotSupportedQueryException: a clean failure.
        }
    }

    private static string Render(ArrowArray array, int row) => array.IsNull(row) ? "NULL" : ValueFormatter.Format(array, row);

    private static readonly (string Name, string Type, string[] Values)[] Expected =
    [
        ("b", "boolean", ["true", "NULL", "false"]),
        ("i8", "tinyint", ["1", "-2", "NULL"]),
        ("i16", "smallint", ["300", "NULL", "-300"]),
        ("i32", "integer", ["1048576", "-5", "7"]),
        ("i64", "bigint", ["1099511627776", "NULL", "-7"]),
        ("f32", "real", ["1.5", "NULL", "-2.25"]),
        ("f64", "double", ["3.25", "-10000000000", "NULL"]),
        ("s", "varchar", ["héllo", "NULL", ""]),
        ("dict", "varchar", ["blue", "NULL", "blue"]),
        ("d", "date", ["1970-01-01", "NULL", "2022-01-08"]),
        ("dms", "date", ["1970-01-02", "1969-12-31", "NULL"]),
        ("ts", "timestamp(3)", ["1970-01-01 00:00:01.000", "NULL", "2023-11-14 22:13:20.123"]), // MILLISECOND gives timestamp(3)
        ("tsns", "timestamp(9)", ["1970-01-01 00:00:00.001000000", "1970-01-01 00:00:00.002000000", "NULL"]), // arrow-js takes milliseconds; NANOSECOND gives timestamp(9)
        ("tsus", "timestamp(6) with time zone", ["1970-01-01 00:00:00.001500 UTC", "NULL", "1970-01-01 00:00:00.002000 UTC"]),
        ("st", "row(a integer, b varchar)", ["{a=1, b=x}", "NULL", "{a=NULL, b=z}"]),
        ("m", "map(varchar, bigint)", ["{k=1}", "NULL", "{}"]),
        ("dec", "decimal(15,2)", ["123.45", "NULL", "-0.01"]),
        ("l", "array(integer)", ["[1, 2]", "NULL", "[]"]),
        // interval(YEAR_MONTH) months; durations in ms, s and ns to INTERVAL DAY TO SECOND's milliseconds (ns truncated).
        ("iym", "interval year to month", ["1-2", "NULL", "-0-3"]),
        ("dms2", "interval day to second", ["1 01:01:01.001", "NULL", "-0 00:00:00.500"]),
        ("dsec", "interval day to second", ["0 01:01:01.000", "NULL", "-0 00:00:02.000"]),
        ("dns", "interval day to second", ["0 00:00:01.500", "NULL", "0 00:00:00.000"]),
        ("n", "unknown", ["NULL", "NULL", "NULL"]),
    ];
}
