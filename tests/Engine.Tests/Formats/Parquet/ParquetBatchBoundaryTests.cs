using Xunit;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Formats.Parquet.Writing;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>
/// Fixed-width columns whose pages straddle the scan's batches: row groups of 2500 rows in pages of 300 rows read in
/// batches of 1000 end row groups with a short batch; the columns cover the fixed-width kinds the writer produces
/// (INT32, DATE, INT64, TIMESTAMP, DECIMAL in INT64, DOUBLE, FLOAT, INT8, INT16), PLAIN and dictionary-encoded, with no
/// nulls or nulls from a later page on. Our reader and DuckDB both read back exactly the rows written, and a filter
/// that the page index narrows (batches that start inside a page) gives the same rows as filtering what was written.
/// </summary>
public sealed class ParquetBatchBoundaryTests : IDisposable
{
    private const int Rows = 6000;
    private readonly TempDirectory _dir = new();

    [Theory]
    [InlineData("plain-no-nulls", false, -1)]
    [InlineData("plain-later-nulls", false, 1400)]
    [InlineData("dictionary-no-nulls", true, -1)]
    [InlineData("dictionary-later-nulls", true, 1400)]
    public void ValuesReadBackExactlyAcrossPageAndBatchBoundaries(string name, bool dictionary, int firstNull)
    {
        var batch = Written(firstNull);
        var expected = new List<string>();
        for (var r = 0; r < Rows; r++) expected.Add(CanonicalRendering.Row(batch, r));
        var path = Write(name, batch, dictionary);

        Assert.Equal(expected, ParquetInteropTests.ReadAll(path));
        Assert.Equal(expected, DuckDbReader.Read([path])[path]);
    }

    [Theory]
    [InlineData("plain-filtered", false)]
    [InlineData("dictionary-filtered", true)]
    public void PageIndexNarrowedRowsMatchTheWrittenRows(string name, bool dictionary)
    {
        var batch = Written(1400);
        var path = Write(name, batch, dictionary);
        // id is ascending, so the page index keeps only the pages around rows 3100..3349.
        var expected = new List<string>();
        for (var r = 3100; r < 3350; r++) expected.Add(CanonicalRendering.Row(batch, r));

        var source = new FileTableSourceFactory(new LocalObjectStore()).CreateForFunction("read_parquet", [path])!;
        var projection = Enumerable.Range(0, source.Schema.Count).ToArray();
        var id = new ColumnExpr(0, DataType.Int32, "id");
        var filters = new PhysicalExpr[]
        {
            new BinaryExpr(BinaryOp.GreaterOrEqual, id, new LiteralExpr(3100, DataType.Int32), DataType.Boolean),
            new BinaryExpr(BinaryOp.Less, id, new LiteralExpr(3350, DataType.Int32), DataType.Boolean),
        };
        var actual = new List<string>();
        var tasks = source.PlanScan(new ScanRequest(projection, filters, 1000));
        foreach (var task in tasks)
        {
            foreach (var read in task.Execute(new ScanContext(CancellationToken.None)))
            {
                for (var r = 0; r < read.RowCount; r++)
                {
                    var row = CanonicalRendering.Row(read, r);
                    var value = ((PrimitiveArray<int>)read.Columns[0])[r];
                    if (value >= 3100 && value < 3350) actual.Add(row);
                }
            }
        }
        Assert.Equal(expected, actual);
    }

    private string Write(string name, RecordBatch batch, bool dictionary)
    {
        var path = _dir.File(name + ".parquet");
        using var stream = File.Create(path);
        var options = new ParquetWriterOptions { RowGroupRows = 2500, PageRows = 300, DictionaryMaxBytes = dictionary ? 1 << 20 : 0 };
        var writer = new ParquetWriter(stream, batch.Schema, options);
        writer.Write(batch);
        writer.Finish();
        return path;
    }

    /// <summary>The rows written: nulls (in every column but id) from <paramref name="firstNull"/> on, every third row.</summary>
    private static RecordBatch Written(int firstNull)
    {
        var schema = new Schema([
            new Field("id", DataType.Int32),
            new Field("day", DataType.Date32),
            new Field("big", DataType.Int64),
            new Field("at", DataType.Timestamp),
            new Field("price", new DecimalType(15, 2)),
            new Field("ratio", DataType.Float64),
            new Field("small", DataType.Float32),
            new Field("tiny", DataType.Int8),
            new Field("short", DataType.Int16),
        ]);
        var ids = new int[Rows];
        var days = new int[Rows];
        var bigs = new long[Rows];
        var ats = new long[Rows];
        var prices = new Int128[Rows];
        var ratios = new double[Rows];
        var smalls = new float[Rows];
        var tinies = new sbyte[Rows];
        var shorts = new short[Rows];
        var validity = Bitmap.AllSet(Rows);
        for (var i = 0; i < Rows; i++)
        {
            if (firstNull >= 0 && i >= firstNull && i % 3 == 0) Bitmap.Clear(validity, i);
            ids[i] = i;
            days[i] = 9000 + (i % 37);
            bigs[i] = ((i % 11) * 1_000_000_007L) - 3;
            ats[i] = 1_600_000_000_000_000L + (i * 1_000_003L);
            prices[i] = (i % 50 * 10_001) - 250;
            ratios[i] = (i % 13) / 8.0;
            smalls[i] = (i % 7) - 2.5f;
            tinies[i] = (sbyte)((i % 200) - 100);
            shorts[i] = (short)((i * 31 % 60_000) - 30_000);
        }
        return new RecordBatch(schema, [
            new PrimitiveArray<int>(DataType.Int32, ids, Rows),
            new PrimitiveArray<int>(DataType.Date32, days, Rows, validity),
            new PrimitiveArray<long>(DataType.Int64, bigs, Rows, validity),
            new PrimitiveArray<long>(DataType.Timestamp, ats, Rows, validity),
            new PrimitiveArray<Int128>(schema[4].Type, prices, Rows, validity),
            new PrimitiveArray<double>(DataType.Float64, ratios, Rows, validity),
            new PrimitiveArray<float>(DataType.Float32, smalls, Rows, validity),
            new PrimitiveArray<sbyte>(DataType.Int8, tinies, Rows, validity),
            new PrimitiveArray<short>(DataType.Int16, shorts, Rows, validity),
        ], Rows);
    }

    public void Dispose() => _dir.Dispose();
}
