using System.Text.Json;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Columnar.Ipc;
using QueryEngine.FlightServer.Tests.Support;
using Xunit;

namespace QueryEngine.FlightServer.Tests.Ipc;

/// <summary>
/// Dictionary-encoded columns written by <see cref="IpcDictionaryWriter"/>: arrow-js (npm apache-arrow) reads the
/// stream batch by batch with the dictionaries we meant (the first defines, deltas append, a replacement replaces),
/// and our own reader decodes the same values.
/// </summary>
public sealed class DictionaryWriterTests
{
    private static readonly Schema Shape = new([new Field("city", DataType.Utf8, true), new Field("n", DataType.Int32, false), new Field("tag", DataType.Binary, true)]);

    // Four batches: a first dictionary, new values (a delta), nulls only (no dictionary batch), and, with at most
    // four values per dictionary, a fifth value that makes the writer replace the dictionary.
    private static readonly string?[][] Cities =
    [
        ["oslo", "rome", null, "oslo"],
        ["rome", "lima", "lima", "kyiv"],
        [null, null],
        ["baku", "oslo", "baku"],
    ];

    [Theory]
    [InlineData(IpcCompression.None)]
    [InlineData(IpcCompression.Zstd)]
    public void ArrowJsAppliesOurDictionaryBatchesAndDeltas(IpcCompression compression)
    {
        var fields = IpcSchemaMapping.Fields(Shape);
        var writer = new IpcDictionaryWriter(fields, [0, 2], compression, maxDictionaryValues: 4);
        var file = Path.Combine(Path.GetTempPath(), $"qe-ipc-dict-{Environment.ProcessId}-{Guid.NewGuid():N}.arrows");
        var kinds = new List<string>();
        try
        {
            using (var stream = File.Create(file))
            {
                var output = new IpcStreamWriter(stream);
                output.Write(IpcMessageEncoder.Schema(writer.Fields));
                foreach (var batch in Batches())
                {
                    foreach (var message in writer.Encode(batch))
                    {
                        kinds.Add(Kind(message));
                        output.Write(message);
                    }
                }
                output.WriteEnd();
            }
            // city: defined, delta, (nothing), replaced; tag: defined, delta, delta, replaced... per batch, in order.
            Assert.Equal(
                ["dict city", "dict tag", "batch", "delta city", "delta tag", "batch", "batch", "dict city", "dict tag", "batch"],
                kinds);

            var (exit, output2, error) = NodeScript.Run("ipc-dictionary-read.mjs", file);
            Assert.True(exit == 0, error);
            var lines = output2.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
            Assert.Equal(Cities.Length, lines.Length);
            string?[][] expectedDictionaries = [["oslo", "rome"], ["oslo", "rome", "lima", "kyiv"], ["oslo", "rome", "lima", "kyiv"], ["baku", "oslo"]];
            for (var b = 0; b < Cities.Length; b++)
            {
                var city = lines[b].GetProperty("columns")[0];
                Assert.Equal("Dictionary<Int32, Utf8>", city.GetProperty("type").GetString());
                Assert.Equal(Cities[b], Strings(city.GetProperty("values")));
                Assert.Equal(expectedDictionaries[b], Strings(city.GetProperty("dictionary")));
                var n = lines[b].GetProperty("columns")[1];
                Assert.Equal("Int32", n.GetProperty("type").GetString());
                Assert.Equal(Enumerable.Range(0, Cities[b].Length).Select(i => (b * 10 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(), Strings(n.GetProperty("values")));
                var tag = lines[b].GetProperty("columns")[2];
                Assert.Equal("Dictionary<Int32, Binary>", tag.GetProperty("type").GetString());
                Assert.Equal(Cities[b].Select(c => c is null ? null : Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(c))).ToArray(), Strings(tag.GetProperty("values")));
            }

            // Our reader resolves the same indices against the same dictionaries.
            using var input = File.OpenRead(file);
            var reader = new IpcStreamReader(input);
            Assert.Equal(DataType.Utf8, reader.ReadSchema()[0].Type);
            for (var b = 0; b < Cities.Length; b++)
            {
                var batch = reader.ReadBatch() ?? throw new Xunit.Sdk.XunitException($"batch {b} missing");
                var column = (BinaryArray)batch.Column(0);
                Assert.Equal(Cities[b], Enumerable.Range(0, batch.RowCount).Select(r => column.IsNull(r) ? null : column.GetString(r)).ToArray());
            }
            Assert.Null(reader.ReadBatch());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void RefusesColumnsThatAreNotStrings()
    {
        var error = Assert.Throws<ArgumentException>(() => new IpcDictionaryWriter(IpcSchemaMapping.Fields(Shape), [1]));
        Assert.Contains("'n'", error.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<RecordBatch> Batches()
    {
        for (var b = 0; b < Cities.Length; b++)
        {
            var cities = new BinaryBuilder(DataType.Utf8);
            var tags = new BinaryBuilder(DataType.Binary);
            var numbers = new int[Cities[b].Length];
            for (var i = 0; i < numbers.Length; i++)
            {
                numbers[i] = (b * 10) + i;
                if (Cities[b][i] is { } city)
                {
                    cities.Append(city);
                    tags.Append(System.Text.Encoding.UTF8.GetBytes(city));
                }
                else
                {
                    cities.AppendNull();
                    tags.AppendNull();
                }
            }
            yield return new RecordBatch(Shape, [cities.Build(), new PrimitiveArray<int>(DataType.Int32, numbers), tags.Build()], numbers.Length);
        }
    }

    private static string?[] Strings(JsonElement array) =>
        array.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.GetString()).ToArray();

    /// <summary>"batch", or "dict NAME" / "delta NAME" for a dictionary batch of column NAME (its id is the column).</summary>
    private static string Kind(IpcMessage message)
    {
        // FlatBuffers by hand: the root table's vtable gives Message.header_type (slot 1: 2 = DictionaryBatch,
        // 3 = RecordBatch) and header (slot 2); DictionaryBatch has id (slot 0) and isDelta (slot 2).
        var header = message.Header;
        var root = BitConverter.ToInt32(header, 0);
        var vtable = root - BitConverter.ToInt32(header, root);
        var typeOffset = BitConverter.ToInt16(header, vtable + 4 + (2 * 1));
        var type = header[root + typeOffset];
        if (type == 3) return "batch";
        var headerOffset = BitConverter.ToInt16(header, vtable + 4 + (2 * 2));
        var table = root + headerOffset + BitConverter.ToInt32(header, root + headerOffset);
        var dictVtable = table - BitConverter.ToInt32(header, table);
        var vtableSize = BitConverter.ToInt16(header, dictVtable);
        var idOffset = BitConverter.ToInt16(header, dictVtable + 4);
        var id = idOffset == 0 ? 0 : BitConverter.ToInt64(header, table + idOffset);
        var deltaOffset = vtableSize > 8 ? BitConverter.ToInt16(header, dictVtable + 8) : (short)0;
        var delta = deltaOffset != 0 && header[table + deltaOffset] != 0;
        return $"{(delta ? "delta" : "dict")} {Shape[(int)id].Name}";
    }
}
