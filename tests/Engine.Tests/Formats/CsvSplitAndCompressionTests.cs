using System.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats;
using QueryEngine.Engine.Formats.Csv;
using Xunit;
using static QueryEngine.Engine.Tests.Formats.CsvTestSupport;

namespace QueryEngine.Engine.Tests.Formats;

public sealed class CsvSplitAndCompressionTests : IDisposable
{
    private static readonly CsvOptions Tbl = new() { Delimiter = '|', Quote = null, NullMarker = "\\N" };
    private static readonly CsvColumn[] Cols = Columns(("k", DataType.Int64), ("s", DataType.Utf8), ("d", DataType.Decimal(15, 2)));

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Lines(int count, bool crlf = false, bool header = false)
    {
        var sb = new StringBuilder();
        if (header) sb.Append("k|s|d|\n");
        var random = new Random(42);
        for (var i = 0; i < count; i++)
        {
            sb.Append(i).Append('|').Append(new string((char)('a' + (i % 26)), random.Next(0, 12))).Append('|')
              .Append(random.Next(-100000, 100000) / 100.0m).Append('|');
            sb.Append(crlf ? "\r\n" : "\n");
        }
        return sb.ToString();
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void ByteRangesGiveExactlyTheRowsOfAWholeRead(bool crlf, bool header)
    {
        var content = Lines(200, crlf, header);
        var path = _dir.Write("t.tbl", content);
        var options = Tbl with { HasHeader = header };
        var whole = Show(ReadFile(path, options, Cols));
        Assert.Equal(200, whole.Split('\n').Length);
        var size = new FileInfo(path).Length;
        foreach (var rangeSize in new long[] { 1, 2, 3, 5, 7, 11, 16, 31, 64, 100, 257, 1000, size - 1, size, size + 1 })
        {
            var parts = new List<object?[]>();
            for (long start = 0; start < size; start += rangeSize)
            {
                var end = Math.Min(size, start + rangeSize);
                parts.AddRange(ReadRange(path, options, Cols, start, end, batchSize: 7, bufferSize: 32));
            }
            Assert.Equal(whole, Show(parts));
        }
    }

    [Fact]
    public void RangesWithoutTrailingNewlineAndEmptyLines()
    {
        var path = _dir.Write("t.tbl", "1|a|1.00|\n\n\n2|b|2.00|\n3|c|3.00");
        var whole = Show(ReadFile(path, Tbl, Cols));
        Assert.Equal("1|a|100\nNULL|NULL|NULL\nNULL|NULL|NULL\n2|b|200\n3|c|300", whole);
        var size = new FileInfo(path).Length;
        for (var rangeSize = 1; rangeSize <= size; rangeSize++)
        {
            var parts = new List<object?[]>();
            for (long start = 0; start < size; start += rangeSize) parts.AddRange(ReadRange(path, Tbl, Cols, start, Math.Min(size, start + rangeSize)));
            Assert.Equal(whole, Show(parts));
        }
    }

    [Fact]
    public void QuotedCsvWithoutQuotedNewlinesSplitsToo()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 300; i++) sb.Append(i).Append(",\"a, \"\"").Append(i).Append("\"\"\",").Append(i % 3 == 0 ? "" : "7.5").Append("\r\n");
        var path = _dir.Write("q.csv", sb.ToString());
        var options = CsvOptions.Default with { QuotedNewlines = false };
        var whole = Show(ReadFile(path, options, Cols));
        Assert.StartsWith("0|a, \"0\"|NULL\n1|a, \"1\"|750", whole, StringComparison.Ordinal);
        var size = new FileInfo(path).Length;
        foreach (var rangeSize in new long[] { 1, 9, 64, 1000 })
        {
            var parts = new List<object?[]>();
            for (long start = 0; start < size; start += rangeSize) parts.AddRange(ReadRange(path, options, Cols, start, Math.Min(size, start + rangeSize), bufferSize: 32));
            Assert.Equal(whole, Show(parts));
        }
    }

    private static string Show(IEnumerable<object?[]> rows) =>
        string.Join("\n", rows.Select(r => string.Join("|", r.Select(v => v is null ? "NULL" : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)))));

    [Fact]
    public void GzipByExtensionAndByMagicBytes()
    {
        var content = Lines(500);
        var expected = Show(ReadFile(_dir.Write("plain.tbl", content), Tbl, Cols));
        var gz = Gzip(Encoding.UTF8.GetBytes(content));
        Assert.Equal(expected, Show(ReadFile(_dir.Write("a.tbl.gz", gz), Tbl, Cols, bufferSize: 100)));
        Assert.Equal(expected, Show(ReadFile(_dir.Write("no-extension", gz), Tbl, Cols)));
        // Concatenated gzip members are one stream.
        var half = content.Length / 2;
        var cut = content.IndexOf('\n', half) + 1;
        var two = Gzip(Encoding.UTF8.GetBytes(content[..cut])).Concat(Gzip(Encoding.UTF8.GetBytes(content[cut..]))).ToArray();
        Assert.Equal(expected, Show(ReadFile(_dir.Write("two.gz", two), Tbl, Cols)));
        // An empty .gz file has no rows.
        Assert.Empty(ReadFile(_dir.Write("empty.gz", []), Tbl, Cols));
    }

    [Fact]
    public void CorruptGzipNamesTheFile()
    {
        var gz = Gzip(Encoding.UTF8.GetBytes(Lines(2000)));
        var corrupt = (byte[])gz.Clone();
        for (var i = 20; i < 60; i++) corrupt[i] ^= 0x5A;
        var path = _dir.Write("bad.tbl.gz", corrupt);
        var ex = Assert.Throws<CorruptDataException>(() => ReadFile(path, Tbl, Cols));
        Assert.Equal(path, ex.File);
        Assert.Contains("gzip", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedGzipIsCorruptNotShort()
    {
        var gz = Gzip(Encoding.UTF8.GetBytes(Lines(2000)));
        foreach (var keep in new[] { gz.Length - 1, gz.Length - 5, gz.Length / 2, 12 })
        {
            var path = _dir.Write($"cut{keep}.gz", gz[..keep]);
            var ex = Assert.Throws<CorruptDataException>(() => ReadFile(path, Tbl, Cols));
            Assert.Equal(path, ex.File);
            Assert.Contains("gzip", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NotGzipButNamedGz()
    {
        var path = _dir.Write("fake.gz", "1|a|1.00|\n");
        var ex = Assert.Throws<CorruptDataException>(() => ReadFile(path, Tbl, Cols));
        Assert.Equal(path, ex.File);
    }

    [Fact]
    public void UnsupportedCodecsAreRefusedByName()
    {
        var path = _dir.Write("x.csv.xz", "\u00fd7zXZ");
        var ex = Assert.Throws<NotSupportedQueryException>(() => ReadFile(path, Tbl, Cols));
        Assert.Contains(".xz", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScanReportsBytesRead()
    {
        var content = Lines(300);
        var path = _dir.Write("c.tbl", content);
        var reader = new CsvReader(Tbl, Cols);
        var info = Store.Stat(path)!;
        var context = new QueryEngine.Engine.Catalog.ScanContext(CancellationToken.None);
        using (var input = TextInput.Open(Store, info, 0, TextCodec.None, context))
        {
            Assert.Equal(300, reader.Read(input, 0, long.MaxValue, CancellationToken.None).Sum(b => b.RowCount));
        }
        Assert.Equal(info.Size, context.BytesRead);
    }
}
