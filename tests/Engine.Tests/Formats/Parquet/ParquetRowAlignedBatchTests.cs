using Xunit;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Formats.Parquet.Writing;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>
/// Fixed-width columns are decoded by row straight into the scan's batch arrays. Row groups of 2500 rows in pages of
/// 300 rows read in batches of 1000 make pages straddle batch boundaries and end row groups with a short batch; the
/// columns cover every fixed-width kind the writer produces (INT32, DATE, INT64, TIMESTAMP, DECIMAL in INT64, DOUBLE,
/// FLOAT, INT8, INT16), PLAIN and dictionary-encoded, with no nulls or nulls from a later page on. Our reader and
/// DuckDB both read back exactly the rows written, and a filter that the page index narrows (batches that start
/// inside a page) gives the same rows as filtering what was written.
/// </summary>
public sealed class ParquetRowAlignedBatchTests : IDisposable
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

/// <summary>
/// <see cref="QueryEngine.Engine.Formats.Parquet.Reading.RowAlignedValues{TIn, TOut, TConvert}"/> on its own: pages
/// straddling batches, nulls spread by definition levels, dictionary gathers, takes that are whole batches and takes
/// that are not, and pages that hold fewer values than they announce.
/// </summary>
public sealed class RowAlignedValuesTests
{
    private static readonly QueryEngine.Engine.Formats.Parquet.Encodings.PageError Where = new("file.parquet (row group 0, column x)", 4);

    [Fact]
    public void PagesSpreadOverBatchesAndTakesReturnTheRows()
    {
        var values = new QueryEngine.Engine.Formats.Parquet.Reading.RowAlignedValues<long, Int128, QueryEngine.Engine.Formats.Parquet.Reading.ValueConverters.Int64ToInt128>(new DecimalType(15, 2), 10, 4);
        // Page 1: rows 0..5, no nulls. Page 2: rows 6..9 with rows 7 and 9 null, two present values.
        values.AppendDense(Bytes(10, 11, 12, 13, 14, 15), 6, 6, default, 1, Where);
        values.AppendDense(Bytes(16, 18), 2, 4, [1, 0, 1, 0], 1, Where);
        Assert.Equal(10, values.Rows);

        var first = (PrimitiveArray<Int128>)values.Take(0, 4, null);
        Assert.Equal(new Int128[] { 10, 11, 12, 13 }, first.Values.ToArray());
        Assert.Equal(4, first.Buffer.Length);
        var last = (PrimitiveArray<Int128>)values.Take(8, 2, null);
        Assert.Equal(new Int128[] { 18, 0 }, last.Values.ToArray());
        var across = (PrimitiveArray<Int128>)values.Take(3, 5, null);
        Assert.Equal(new Int128[] { 13, 14, 15, 16, 0 }, across.Values.ToArray());
    }

    [Fact]
    public void ConversionsBetweenValuesOfOneTypeAreAppliedWithAndWithoutNulls()
    {
        var values = new QueryEngine.Engine.Formats.Parquet.Reading.RowAlignedValues<long, long, QueryEngine.Engine.Formats.Parquet.Reading.ValueConverters.MillisToMicros>(DataType.Timestamp, 4, 4);
        values.AppendDense(Bytes(-4, 7), 2, 2, default, 1, Where);
        values.AppendDense(Bytes(9), 1, 2, [0, 1], 1, Where);
        Assert.Equal(new long[] { -4000, 7000, 0, 9000 }, ((PrimitiveArray<long>)values.Take(0, 4, null)).Values.ToArray());
    }

    [Fact]
    public void DictionaryIndicesGatherTheirValues()
    {
        var dictionary = new QueryEngine.Engine.Formats.Parquet.Encodings.ValueBuffer(4, 3);
        Bytes32(100, 200, 300).CopyTo(dictionary.AppendFixed(3));
        var values = new QueryEngine.Engine.Formats.Parquet.Reading.RowAlignedValues<int, int, QueryEngine.Engine.Formats.Parquet.Reading.ValueConverters.Same<int>>(DataType.Date32, 5, 3);
        values.AppendGathered([2, 0, 1], dictionary, 3, default, 1, Where);
        values.AppendGathered([1], dictionary, 2, [0, 1], 1, Where);
        Assert.Equal(new[] { 300, 100, 200 }, ((PrimitiveArray<int>)values.Take(0, 3, null)).Values.ToArray());
        Assert.Equal(new[] { 0, 200 }, ((PrimitiveArray<int>)values.Take(3, 2, null)).Values.ToArray());
    }

    [Fact]
    public void ShortPagesAndExtraRowsAreCorruptData()
    {
        var values = new QueryEngine.Engine.Formats.Parquet.Reading.RowAlignedValues<long, long, QueryEngine.Engine.Formats.Parquet.Reading.ValueConverters.Same<long>>(DataType.Int64, 4, 4);
        var shortPage = Assert.Throws<QueryEngine.Engine.Common.CorruptDataException>(() => values.AppendDense(Bytes(1, 2), 3, 3, default, 0, Where));
        Assert.Contains("file.parquet (row group 0, column x)", shortPage.Message);
        Assert.Contains("fewer than 3 values", shortPage.Message);
        var tooMany = Assert.Throws<QueryEngine.Engine.Common.CorruptDataException>(() => values.AppendDense(Bytes(1, 2, 3, 4, 5), 5, 5, default, 0, Where));
        Assert.Contains("5 rows where 4 remain", tooMany.Message);
        var levelsPastValues = Assert.Throws<QueryEngine.Engine.Common.CorruptDataException>(() => values.AppendDense(Bytes(1), 1, 3, [1, 1, 1], 1, Where));
        Assert.Contains("fewer than its definition levels announce", levelsPastValues.Message);
    }

    private static byte[] Bytes(params long[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++) System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), values[i]);
        return bytes;
    }

    private static byte[] Bytes32(params int[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++) System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
        return bytes;
    }
}
