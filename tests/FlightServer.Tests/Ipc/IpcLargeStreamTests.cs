using System.Text.Json;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Columnar.Ipc;
using QueryEngine.FlightServer.Tests.Support;
using Xunit;

namespace QueryEngine.FlightServer.Tests.Ipc;

/// <summary>
/// Large streams whose buffers really compress, both ways with arrow-js (tests/interop/ipc-large.mjs, codecs from
/// the reference lz4 and zstd tools): arrow-js decodes our LZ4_FRAME / ZSTD bodies, we decode its bodies and its
/// dictionary batches. Both sides summarise the same generated table; the expected summary is computed here from
/// the generating rule.
/// </summary>
public sealed class IpcLargeStreamTests
{
    private const int Rows = 95_000;
    private static readonly string[] Colors = ["red", "green", "blue"];

    [Theory]
    [InlineData(IpcCompression.Lz4Frame)]
    [InlineData(IpcCompression.Zstd)]
    public void ArrowJsDecodesOurCompressedStream(IpcCompression compression)
    {
        var file = TempFile();
        try
        {
            using (var stream = File.Create(file))
            {
                var writer = new IpcStreamWriter(stream, compression);
                var schema = Schema();
                writer.WriteSchema(schema);
                for (var start = 0; start < Rows; start += 10_000) writer.WriteBatch(Batch(schema, start, Math.Min(10_000, Rows - start)));
                writer.WriteEnd();
            }
            Assert.True(IpcSamples.HasFrameMagic(File.ReadAllBytes(file), compression), "no compressed frame in the stream");
            var (exit, output, error) = NodeScript.Run("ipc-large.mjs", "read", file);
            Assert.True(exit == 0, error);
            Assert.Equal(ExpectedSummary(batches: 10), output.Trim());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("none")]
    [InlineData("lz4_frame")]
    [InlineData("zstd")]
    public void WeDecodeArrowJsCompressedStreamWithDictionaries(string codec)
    {
        var file = TempFile();
        try
        {
            var (exit, _, error) = NodeScript.Run("ipc-large.mjs", "write", file, Rows.ToString(System.Globalization.CultureInfo.InvariantCulture), codec);
            Assert.True(exit == 0, error);
            var compression = IpcCompressionNames.Parse(codec)!.Value;
            if (compression != IpcCompression.None) Assert.True(IpcSamples.HasFrameMagic(File.ReadAllBytes(file), compression), "no compressed frame in the stream");
            using var stream = File.OpenRead(file);
            var reader = new IpcStreamReader(stream);
            var schema = reader.ReadSchema();
            Assert.Equal("d", schema[2].Name);
            Assert.Equal(DataType.Utf8, schema[2].Type);
            var (rows, batches, sumV, row3, blue, nulls, sumN) = (0, 0, 0L, 0, 0, 0, 0L);
            while (reader.ReadBatch() is { } batch)
            {
                batches++;
                rows += batch.RowCount;
                var v = (PrimitiveArray<long>)batch.Column(0);
                var s = (BinaryArray)batch.Column(1);
                var d = (BinaryArray)batch.Column(2);
                var n = (PrimitiveArray<int>)batch.Column(3);
                for (var i = 0; i < batch.RowCount; i++)
                {
                    sumV += v[i];
                    if (s.GetString(i) == "row3") row3++;
                    if (d.GetString(i) == "blue") blue++;
                    if (n.IsNull(i)) nulls++;
                    else sumN += n[i];
                }
            }
            var summary = JsonSerializer.Serialize(new { rows, batches, sumV, row3, blue, nulls, sumN });
            Assert.Equal(ExpectedSummary(batches: 10), summary);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string ExpectedSummary(int batches)
    {
        var (sumV, row3, blue, nulls, sumN) = (0L, 0, 0, 0, 0L);
        for (var i = 0; i < Rows; i++)
        {
            sumV += i % 10;
            if (i % 7 == 3) row3++;
            if (Colors[i % 3] == "blue") blue++;
            if (i % 5 == 0) nulls++;
            else sumN += i;
        }
        return JsonSerializer.Serialize(new { rows = Rows, batches, sumV, row3, blue, nulls, sumN });
    }

    private static Schema Schema() => new(
    [
        new Field("v", DataType.Int64), new Field("s", DataType.Utf8), new Field("d", DataType.Utf8), new Field("n", DataType.Int32),
    ]);

    private static RecordBatch Batch(Schema schema, int start, int count)
    {
        var v = new long[count];
        var n = new int[count];
        var validity = new byte[Bitmap.BytesFor(count)];
        var s = new BinaryBuilder(DataType.Utf8);
        var d = new BinaryBuilder(DataType.Utf8);
        for (var k = 0; k < count; k++)
        {
            var i = start + k;
            v[k] = i % 10;
            n[k] = i;
            if (i % 5 != 0) Bitmap.Set(validity, k);
            s.Append("row" + (i % 7).ToString(System.Globalization.CultureInfo.InvariantCulture));
            d.Append(Colors[i % 3]);
        }
        return new RecordBatch(schema,
        [
            new PrimitiveArray<long>(DataType.Int64, v, count, null), s.Build(), d.Build(), new PrimitiveArray<int>(DataType.Int32, n, count, validity),
        ], count);
    }

    private static string TempFile() => Path.Combine(Path.GetTempPath(), $"qe-ipc-large-{Environment.ProcessId}-{Guid.NewGuid():N}.arrows");
}
