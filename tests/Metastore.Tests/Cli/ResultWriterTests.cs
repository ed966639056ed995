using QueryEngine.Cli.Output;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Session;
using Xunit;

namespace QueryEngine.Metastore.Tests.Cli;

public sealed class ResultWriterTests
{
    private static readonly Schema Schema = new([
        new Field("id", DataType.Int64),
        new Field("name", DataType.Utf8),
        new Field("price", DataType.Decimal(15, 2)),
    ]);

    private static readonly StatementResult Result = TestResults.Make(
        Schema,
        [1L, "ALGERIA", (Int128)12345],
        [-20L, "a\nb", null],
        [null, string.Empty, (Int128)5]);

    [Fact]
    public void TableAlignsColumnsSplitsLineBreaksAndCountsRows()
    {
        const string Expected =
            "  id  |  name   | price\n" +
            "------+---------+--------\n" +
            "    1 | ALGERIA | 123.45\n" +
            "  -20 | a       | NULL\n" +
            "      | b       |\n" +
            " NULL |         |   0.05\n" +
            "(3 rows)\n";
        Assert.Equal(Expected, Write(OutputFormat.Table, Result));
    }

    [Fact]
    public void TableSaysOneRowAndZeroRows()
    {
        Assert.EndsWith("\n(1 row)\n", Write(OutputFormat.Table, TestResults.Make(Schema, [1L, "x", (Int128)1])), StringComparison.Ordinal);
        Assert.Equal(" id | name | price\n----+------+-------\n(0 rows)\n", Write(OutputFormat.Table, TestResults.Make(Schema)));
    }

    [Fact]
    public void CsvFollowsRfc4180()
    {
        var result = TestResults.Make(Schema, [1L, "ALGERIA", (Int128)12345], [-20L, "a, \"quoted\"\nline", null], [null, string.Empty, (Int128)5]);
        Assert.Equal(
            "id,name,price\r\n1,ALGERIA,123.45\r\n-20,\"a, \"\"quoted\"\"\nline\",\r\n,\"\",0.05\r\n",
            Write(OutputFormat.Csv, result));
    }

    [Fact]
    public void TsvEscapesLikeHiveText()
    {
        var result = TestResults.Make(Schema, [1L, "tab\there\\", (Int128)12345], [-20L, "a\nb\rc", null], [null, string.Empty, (Int128)5]);
        Assert.Equal(
            "id\tname\tprice\n1\ttab\\there\\\\\t123.45\n-20\ta\\nb\\rc\t\\N\n\\N\t\t0.05\n",
            Write(OutputFormat.Tsv, result));
    }

    [Fact]
    public void JsonLinesHaveTypedValues()
    {
        Assert.Equal(
            "{\"id\":1,\"name\":\"ALGERIA\",\"price\":123.45}\n{\"id\":-20,\"name\":\"a\\nb\",\"price\":null}\n{\"id\":null,\"name\":\"\",\"price\":0.05}\n",
            Write(OutputFormat.Json, Result));
    }

    [Fact]
    public void JsonHandlesEveryKindOfValue()
    {
        var schema = new Schema([
            new Field("f", DataType.Float64),
            new Field("inf", DataType.Float64),
            new Field("day", DataType.Date32),
            new Field("ok", DataType.Boolean),
            new Field("text", DataType.Utf8),
            new Field("tags", new ListType(new Field("item", DataType.Int32))),
            new Field("point", new StructType([new Field("x", DataType.Int32), new Field("label", DataType.Utf8)])),
            new Field("attrs", new MapType(new Field("key", DataType.Utf8, false), new Field("value", DataType.Float64))),
            new Field("blob", DataType.Binary),
        ]);
        var result = TestResults.Make(schema, [
            0.25, double.NaN, 19_000, true, "Zürich ✓ <b>",
            new object?[] { 1, null, 3 },
            new object?[] { 7, "seven" },
            new KeyValuePair<object?, object?>[] { new("a", 1.5), new("b", null) },
            new byte[] { 0xCA, 0xFE },
        ]);

        Assert.Equal(
            "{\"f\":0.25,\"inf\":\"NaN\",\"day\":\"2022-01-08\",\"ok\":true,\"text\":\"Zürich ✓ <b>\",\"tags\":[1,null,3]," +
            "\"point\":{\"x\":7,\"label\":\"seven\"},\"attrs\":{\"a\":1.5,\"b\":null},\"blob\":\"cafe\"}\n",
            Write(OutputFormat.Json, result));
    }

    [Fact]
    public void StatementsWithoutRowsPrintTheirStatus()
    {
        Assert.Equal("CREATE TABLE", ResultPrinter.StatusLine(StatementResult.Ok("CREATE TABLE")));
        Assert.Equal("INSERT: 3 rows", ResultPrinter.StatusLine(new StatementResult(Schema.Empty, [], 3, "INSERT")));
        Assert.Equal("1 row", ResultPrinter.StatusLine(new StatementResult(Schema.Empty, [], 1)));
        Assert.Equal("OK", ResultPrinter.StatusLine(new StatementResult(Schema.Empty, [])));
    }

    [Fact]
    public void TableFormatPrintsStatusAndResultsOnStandardOutput()
    {
        using var output = new StringWriter();
        using var status = new StringWriter();
        var printer = new ResultPrinter(OutputFormat.Table, output, status);
        printer.Print(StatementResult.Ok("CREATE TABLE"));
        printer.Print(TestResults.Make(Schema, [1L, "x", (Int128)1]));

        Assert.StartsWith("CREATE TABLE\n\n id | name | price\n", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(status.ToString());
    }

    [Fact]
    public void MachineFormatsKeepStatusOffStandardOutput()
    {
        using var output = new StringWriter();
        using var status = new StringWriter();
        var printer = new ResultPrinter(OutputFormat.Csv, output, status);
        printer.Print(StatementResult.Ok("CREATE TABLE"));
        printer.Print(TestResults.Make(Schema, [1L, "x", (Int128)1]));

        Assert.Equal("id,name,price\r\n1,x,0.01\r\n", output.ToString());
        Assert.Equal("CREATE TABLE\n", status.ToString());
    }

    [Fact]
    public void DataScannedLineShowsSizeAndExactBytes()
    {
        Assert.Equal("Data scanned: 0 bytes", ResultPrinter.DataScannedLine(0));
        Assert.Equal("Data scanned: 1 byte", ResultPrinter.DataScannedLine(1));
        Assert.Equal("Data scanned: 1023 bytes", ResultPrinter.DataScannedLine(1023));
        Assert.Equal("Data scanned: 1.2KB (1234 bytes)", ResultPrinter.DataScannedLine(1234));
        Assert.Equal("Data scanned: 3MB (3145728 bytes)", ResultPrinter.DataScannedLine(3L << 20));
    }

    [Fact]
    public void TableFormatEndsAQueryWithDataScanned()
    {
        using var output = new StringWriter();
        using var status = new StringWriter();
        var printer = new ResultPrinter(OutputFormat.Table, output, status);
        printer.Print(Scanned(TestResults.Make(Schema, [1L, "x", (Int128)1]), 2048));
        printer.Print(TestResults.Make(Schema, [2L, "y", (Int128)2]));

        Assert.Contains("(1 row)\nData scanned: 2KB (2048 bytes)\n\n id |", output.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("(1 row)\n", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(status.ToString());
    }

    [Fact]
    public void MachineFormatsLeaveDataScannedOut()
    {
        foreach (var format in new[] { OutputFormat.Csv, OutputFormat.Tsv, OutputFormat.Json })
        {
            using var output = new StringWriter();
            using var status = new StringWriter();
            var result = TestResults.Make(Schema, [1L, "x", (Int128)1]);
            new ResultPrinter(format, output, status).Print(Scanned(result, 2048));

            Assert.Equal(Write(format, result), output.ToString());
            Assert.Empty(status.ToString());
        }
    }

    private static StatementResult Scanned(StatementResult result, long bytes) =>
        new(result.Schema, result.Batches) { BytesScanned = bytes };

    private static string Write(OutputFormat format, StatementResult result)
    {
        using var output = new StringWriter();
        ResultWriter.Create(format).Write(result, output);
        return output.ToString();
    }
}
