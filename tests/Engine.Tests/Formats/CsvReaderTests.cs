using System.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Csv;
using Xunit;
using static QueryEngine.Engine.Tests.Formats.CsvTestSupport;

namespace QueryEngine.Engine.Tests.Formats;

public sealed class CsvReaderTests : IDisposable
{
    private static readonly CsvOptions Hive = new() { Delimiter = '|', Quote = null, NullMarker = "\\N" };
    private static readonly CsvColumn[] IdName = Columns(("id", DataType.Int64), ("name", DataType.Utf8));

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ReadsEveryPrimitiveType()
    {
        var columns = Columns(
            ("b", DataType.Boolean), ("i8", DataType.Int8), ("i16", DataType.Int16), ("i32", DataType.Int32), ("i64", DataType.Int64),
            ("f", DataType.Float32), ("d", DataType.Float64), ("dec", DataType.Decimal(15, 2)), ("dt", DataType.Date32),
            ("ts", DataType.Timestamp), ("s", DataType.Utf8), ("bin", DataType.Binary));
        var text = ReadText(_dir,
            "true,-128,32767,-2147483648,9223372036854775807,1.5,-2.25e3,24710.35,1996-03-13,2020-02-29 23:59:58.123456,héllo,aGk=\n" +
            "FALSE,127,-32768,2147483647,-9223372036854775808,NaN,Infinity,-0.04,1970-01-01,1969-12-31 23:59:59,,raw!\n",
            CsvOptions.Default, columns);
        Assert.Equal(
            "true|-128|32767|-2147483648|9223372036854775807|1.5|-2250|24710.35|1996-03-13|2020-02-29 23:59:58.123456|héllo|6869\n" +
            "false|127|-32768|2147483647|-9223372036854775808|NaN|Infinity|-0.04|1970-01-01|1969-12-31 23:59:59.000000||72617721",
            text);
    }

    [Fact]
    public void QuotedFieldsFollowRfc4180()
    {
        var columns = Columns(("a", DataType.Utf8), ("b", DataType.Utf8), ("c", DataType.Int32));
        var content = "\"x,y\",\"say \"\"hi\"\"\",1\n" +
                      "\"multi\nline\",\"\",2\n" +
                      "plain,\"\"\"\",3\n" +
                      "\"crlf\r\ninside\",b\"q\"mid,4\r\n" +
                      "\"after\"tail,\"x\"\"\",5";
        Assert.Equal(
            "x,y|say \"hi\"|1\n" +
            "multi\nline||2\n" +
            "plain|\"|3\n" +
            "crlf\r\ninside|b\"q\"mid|4\n" +
            "aftertail|x\"|5",
            ReadText(_dir, content, CsvOptions.Default, columns));
    }

    [Fact]
    public void QuotedNewlinesOffEndRecordsAtEveryLine()
    {
        var options = CsvOptions.Default with { QuotedNewlines = false };
        var columns = Columns(("a", DataType.Utf8), ("b", DataType.Utf8));
        Assert.Equal("open|NULL\nnext|2", ReadText(_dir, "\"open\nnext,2\n", options, columns));
    }

    [Fact]
    public void CrLfLineEndings()
    {
        Assert.Equal("1|a\n2|b\n3|NULL", ReadText(_dir, "1|a\r\n2|b\r\n3|\\N\r\n", Hive, IdName));
        Assert.Equal("1|a\n2|b", ReadText(_dir, "1,a\r\n2,\"b\"\r\n", CsvOptions.Default, IdName));
    }

    [Fact]
    public void HeaderAndSkippedLines()
    {
        var content = "# comment\nid,name\n1,a\n2,b\n";
        Assert.Equal("1|a\n2|b", ReadText(_dir, content, CsvOptions.Default with { HasHeader = true, SkipLines = 1 }, IdName));
        Assert.Equal("1|a\n2|b", ReadText(_dir, content, CsvOptions.Default with { SkipLines = 2 }, IdName));
        Assert.Equal(string.Empty, ReadText(_dir, content, CsvOptions.Default with { SkipLines = 10 }, IdName));
        Assert.Equal(string.Empty, ReadText(_dir, "id,name", CsvOptions.Default with { HasHeader = true }, IdName));
    }

    [Fact]
    public void NullMarkersAndEmptyFields()
    {
        var columns = Columns(("n", DataType.Int32), ("s", DataType.Utf8), ("d", DataType.Date32));
        // LazySimpleSerDe: \N is NULL everywhere; empty is NULL for non-strings and '' for strings.
        Assert.Equal("NULL|NULL|NULL\nNULL||NULL\n1|\\n|NULL", ReadText(_dir, "\\N|\\N|\\N\n||\n1|\\n|\n", Hive, columns));
        // An empty null marker makes empty strings NULL too.
        Assert.Equal("NULL|NULL|NULL\n2|x|NULL", ReadText(_dir, "||\n2|x|\n", Hive with { NullMarker = "" }, columns));
        // Without a marker "\N" is just text.
        Assert.Equal("NULL|\\N|NULL", ReadText(_dir, "\\N|\\N|\n", Hive with { NullMarker = null }, columns));
        // Quoted CSV: a custom marker applies to decoded text.
        Assert.Equal("NULL|NULL|NULL\n3||NULL", ReadText(_dir, "NA,\"NA\",NA\n3,\"\",\n", CsvOptions.Default with { NullMarker = "NA" }, columns));
    }

    [Fact]
    public void EmptyFileAndEmptyLines()
    {
        Assert.Equal(string.Empty, ReadText(_dir, string.Empty, CsvOptions.Default, IdName));
        // Every line is a row, as in Hive: an empty line has an empty first field and no others.
        Assert.Equal("NULL|NULL\n1|a\nNULL|NULL", ReadText(_dir, "\n1,a\n\n", CsvOptions.Default, IdName));
        var strings = Columns(("a", DataType.Utf8), ("b", DataType.Utf8));
        Assert.Equal("|NULL\nx|y", ReadText(_dir, "\nx|y\n", Hive, strings));
    }

    [Fact]
    public void LastLineWithoutNewline()
    {
        Assert.Equal("1|a\n2|b", ReadText(_dir, "1|a\n2|b", Hive, IdName));
        Assert.Equal("1|a\n2|b", ReadText(_dir, "1|a\n2|b\r", Hive, IdName));
        Assert.Equal("1|a\n2|b c", ReadText(_dir, "1,a\n2,\"b c\"", CsvOptions.Default, IdName));
        Assert.Equal("1|a\n2|NULL", ReadText(_dir, "1|a\n2", Hive, IdName));
    }

    [Fact]
    public void TrailingDelimiterAndExtraOrMissingFields()
    {
        // TPC-H .tbl lines end with '|': the empty last field is ignored, like any extra field.
        Assert.Equal("1|a\n2|b", ReadText(_dir, "1|a|\n2|b|\n", Hive, IdName));
        Assert.Equal("1|a\n2|b", ReadText(_dir, "1|a|x|y\n2|b|\n", Hive, IdName));
        Assert.Equal("1|NULL\nNULL|NULL", ReadText(_dir, "1\n\n", Hive, IdName));
    }

    [Fact]
    public void ProjectionReadsOnlyRequestedFieldsInAnyOrder()
    {
        var columns = new[] { new CsvColumn(3, "d", DataType.Utf8), new CsvColumn(0, "a", DataType.Int32) };
        Assert.Equal("d1|1\nd2|2\nNULL|3", ReadText(_dir, "1|b|c|d1|e\n2|b|c|d2\n3|b\n", Hive, columns));
        // A field after the projected ones may be malformed or huge: it is never looked at.
        Assert.Equal("x|7", ReadText(_dir, "7|b|c|x|" + new string('z', 5000) + "\n", Hive, columns, bufferSize: 64));
    }

    [Fact]
    public void CountsRowsWithoutColumns()
    {
        var batches = ReadBatches(_dir.Write("n.csv", "a\nb\n\"c\nd\"\ne"), CsvOptions.Default, [], batchSize: 2);
        Assert.Equal([2, 2], batches.Select(b => b.RowCount));
        Assert.All(batches, b => Assert.Empty(b.Columns));
        batches = ReadBatches(_dir.Write("m.csv", "a\nb\n\"c\nd\"\ne"), Hive, []);
        Assert.Equal(5, batches.Sum(b => b.RowCount));
    }

    [Fact]
    public void BatchesHaveExactlyBatchSizeRows()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 1000; i++) sb.Append(i).Append(",n").Append(i).Append('\n');
        var batches = ReadBatches(_dir.Write("b.csv", sb.ToString()), CsvOptions.Default, IdName, batchSize: 300, bufferSize: 100);
        Assert.Equal([300, 300, 300, 100], batches.Select(b => b.RowCount));
        var ids = batches.SelectMany(b => ((PrimitiveArray<long>)b.Columns[0]).Values.ToArray()).ToArray();
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), ids);
    }

    [Fact]
    public void NullsAcrossChunksAndBatches()
    {
        var columns = Columns(("i", DataType.Int32), ("s", DataType.Utf8), ("b", DataType.Boolean), ("d", DataType.Decimal(9, 3)));
        var sb = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            var isNull = i % 7 == 3 || (i > 2500 && i < 2600);
            sb.Append(isNull ? "" : i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('|')
              .Append(isNull ? "\\N" : "s").Append('|')
              .Append(isNull ? "" : (i % 2 == 0 ? "true" : "false")).Append('|')
              .Append(isNull ? "" : "1.5").Append('\n');
        }
        var batches = ReadBatches(_dir.Write("nulls.txt", sb.ToString()), Hive, columns, batchSize: 3000, bufferSize: 1000);
        Assert.Equal([3000, 2000], batches.Select(b => b.RowCount));
        var row = 0;
        foreach (var batch in batches)
        {
            for (var r = 0; r < batch.RowCount; r++, row++)
            {
                var isNull = row % 7 == 3 || (row > 2500 && row < 2600);
                for (var c = 0; c < 4; c++) Assert.Equal(isNull, batch.Columns[c].IsNull(r));
                if (!isNull)
                {
                    Assert.Equal(row, batch.Columns[0].GetValue(r));
                    Assert.Equal(row % 2 == 0, batch.Columns[2].GetValue(r));
                    Assert.Equal((Int128)1500, batch.Columns[3].GetValue(r));
                }
            }
            Assert.Equal(batch.Columns[0].NullCount, batch.Columns[1].NullCount);
        }
    }

    [Fact]
    public void RecordsLongerThanTheBuffer()
    {
        var longText = new string('x', 10_000);
        var content = $"1,{longText}\n2,\"{longText}\n{longText}\"\n3,z\n";
        var rows = ReadText(_dir, content, CsvOptions.Default, IdName, bufferSize: 16);
        Assert.Equal($"1|{longText}\n2|{longText}\n{longText}\n3|z", rows);
    }

    [Fact]
    public void HiveEscapes()
    {
        var options = Hive with { Escape = '\\' };
        var columns = Columns(("a", DataType.Utf8), ("b", DataType.Utf8), ("c", DataType.Int32));
        Assert.Equal("x|y|z|1\nback\\slash|N|2\nend\\|NULL|NULL",
            ReadText(_dir, "x\\|y|z|1\nback\\\\slash|\\N|2\nend\\\n", options with { NullMarker = null }, columns));
    }

    [Fact]
    public void OpenCsvEscapes()
    {
        var options = CsvOptions.Default with { Escape = '\\' };
        var columns = Columns(("a", DataType.Utf8), ("b", DataType.Utf8));
        // An escaped quote or escape is literal; before any other character the escape is dropped (OpenCSV).
        Assert.Equal("a\"b|c\\d\nC:path|x", ReadText(_dir, "\"a\\\"b\",c\\\\d\n\"C:\\path\",x\n", options, columns));
    }

    [Fact]
    public void ByteOrderMarkIsSkipped()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("7,a\n")).ToArray();
        var path = _dir.Write("bom.csv", bytes);
        Assert.Equal("7|a", Text(ReadBatches(path, CsvOptions.Default, IdName)));
    }

    [Fact]
    public void InvalidUtf8PassesThroughAsBytes()
    {
        var bytes = new byte[] { (byte)'1', (byte)',', 0xFF, 0xFE, (byte)'\n' };
        var batches = ReadBatches(_dir.Write("bad.csv", bytes), CsvOptions.Default, IdName);
        var names = (BinaryArray)batches[0].Columns[1];
        Assert.Equal(new byte[] { 0xFF, 0xFE }, names.GetBytes(0).ToArray());
    }

    [Fact]
    public void MalformedValuesAreNullForHiveTables()
    {
        var columns = Columns(("i", DataType.Int32), ("d", DataType.Decimal(5, 2)), ("dt", DataType.Date32), ("b", DataType.Boolean), ("ts", DataType.Timestamp));
        Assert.Equal("NULL|NULL|NULL|NULL|NULL\n5|123.46|2021-02-28|true|NULL",
            ReadText(_dir, "x|1e10|2021-02-29|yes|2021-01-01 25:00:00\n5|123.455|2021-02-28|TRUE|2021-13-01\n", Hive, columns));
    }

    [Fact]
    public void MalformedValuesFailWhenAskedTo()
    {
        var options = CsvOptions.Default with { InvalidValues = InvalidValueHandling.Error };
        var path = _dir.Write("bad.csv", "1,a\n22,b\nxyz,c\n");
        var ex = Assert.Throws<CorruptDataException>(() => ReadBatches(path, options, IdName));
        Assert.Equal(path, ex.File);
        Assert.Equal(9, ex.Offset);
        Assert.Contains("column id", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'xyz'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bigint", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnterminatedQuoteIsCorruptData()
    {
        var path = _dir.Write("open.csv", "1,a\n2,\"never closed\n3,c\n");
        var ex = Assert.Throws<CorruptDataException>(() => ReadBatches(path, CsvOptions.Default, IdName));
        Assert.Equal(path, ex.File);
        Assert.Equal(6, ex.Offset);
        Assert.Contains("not closed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NumericDateTimesForOpenCsv()
    {
        var columns = Columns(("d", DataType.Date32), ("t", DataType.Timestamp));
        var options = CsvOptions.Default with { NumericDateTimes = true };
        Assert.Equal("2020-01-15|2020-01-15 03:44:40.000000\n2020-01-15|2020-01-15 03:44:40.500000",
            ReadText(_dir, "18276,1579059880000\n2020-01-15,2020-01-15 03:44:40.5\n", options, columns));
        Assert.Equal("NULL|NULL", ReadText(_dir, "18276,1579059880000\n", CsvOptions.Default, columns));
    }

    [Fact]
    public void OtherDelimitersIncludingControlBytes()
    {
        Assert.Equal("1|a b\n2|c", ReadText(_dir, "1\ta b\n2\tc\n", Hive with { Delimiter = '\t' }, IdName));
        Assert.Equal("1|a,b", ReadText(_dir, "1\u0001a,b\n", Hive with { Delimiter = '\u0001' }, IdName));
        Assert.Equal("1|x", ReadText(_dir, "1;'x'\n", CsvOptions.Default with { Delimiter = ';', Quote = '\'' }, IdName));
    }

    [Fact]
    public void InvalidOptionsAreRejected()
    {
        Assert.Throws<NotSupportedQueryException>(() => new CsvReader(CsvOptions.Default with { Delimiter = '"' }, IdName));
        Assert.Throws<NotSupportedQueryException>(() => new CsvReader(CsvOptions.Default with { Delimiter = '\n' }, IdName));
        Assert.Throws<NotSupportedQueryException>(() => new CsvReader(CsvOptions.Default with { Delimiter = '€' }, IdName));
        Assert.Throws<NotSupportedQueryException>(() => new CsvReader(CsvOptions.Default with { Escape = ',' }, IdName));
        var nested = new[] { new CsvColumn(0, "l", new ListType(new Field("item", DataType.Int32))) };
        var ex = Assert.Throws<NotSupportedQueryException>(() => new CsvReader(CsvOptions.Default, nested));
        Assert.Contains("column l", ex.Message, StringComparison.Ordinal);
    }
}
