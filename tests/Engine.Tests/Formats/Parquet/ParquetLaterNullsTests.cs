using Xunit;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Formats.Parquet.Writing;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>
/// Optional columns whose first pages hold no null and whose later pages do (the reader keeps no definition levels
/// until the first null and must then fill in the earlier rows), including a chunk whose only null is its last row,
/// and one with no null at all: our reader and DuckDB both read back exactly the rows written.
/// </summary>
public sealed class ParquetLaterNullsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Theory]
    [InlineData("nulls-from-row-700", 700)]
    [InlineData("null-last-row", 1999)]
    [InlineData("no-nulls", -1)]
    public void NullsAfterFullPagesReadBackExactly(string name, int firstNull)
    {
        const int Rows = 2000;
        var schema = new Schema([new Field("id", DataType.Int64), new Field("price", new DecimalType(15, 2)), new Field("word", DataType.Utf8), new Field("code", DataType.Utf8)]);
        var ids = new long[Rows];
        var prices = new Int128[Rows];
        var words = new List<string?>();
        var codes = new List<string?>();
        var validity = Bitmap.AllSet(Rows);
        for (var i = 0; i < Rows; i++)
        {
            var isNull = firstNull >= 0 && i >= firstNull && (i == firstNull || i % 3 == 0);
            if (isNull) Bitmap.Clear(validity, i);
            ids[i] = (i * 7919L) - 5000;
            prices[i] = (i * 101) - 77;
            words.Add(isNull ? null : "w" + (i * 13 % 1000));
            codes.Add(isNull ? null : ((i % 4) switch { 0 => "AIR", 1 => "RAIL", 2 => "SHIP", _ => "TRUCK" }));
        }
        var batch = new RecordBatch(schema, [
            new PrimitiveArray<long>(DataType.Int64, ids, Rows, validity),
            new PrimitiveArray<Int128>(schema[1].Type, prices, Rows, validity),
            Strings(words, validity),
            Strings(codes, validity),
        ], Rows);
        var expected = new List<string>();
        for (var r = 0; r < Rows; r++) expected.Add(CanonicalRendering.Row(batch, r));

        var path = _dir.File(name + ".parquet");
        using (var stream = File.Create(path))
        {
            // Two row groups of 1000 rows in pages of 150: several null-free pages before the first null.
            var writer = new ParquetWriter(stream, schema, new ParquetWriterOptions { RowGroupRows = 1000, PageRows = 150 });
            writer.Write(batch.Slice(0, 1000));
            writer.Write(batch.Slice(1000, 1000));
            writer.Finish();
        }

        Assert.Equal(expected, ParquetInteropTests.ReadAll(path));
        Assert.Equal(expected, DuckDbReader.Read([path])[path]);
    }

    private static BinaryArray Strings(List<string?> values, byte[] validity)
    {
        var offsets = new int[values.Count + 1];
        var data = new List<byte>();
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } s) data.AddRange(System.Text.Encoding.UTF8.GetBytes(s));
            offsets[i + 1] = data.Count;
        }
        return new BinaryArray(DataType.Utf8, offsets, data.ToArray(), values.Count, validity);
    }

    public void Dispose() => _dir.Dispose();
}
