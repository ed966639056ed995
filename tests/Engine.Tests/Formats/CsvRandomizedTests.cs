using System.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Formats.Csv;
using Xunit;
using static QueryEngine.Engine.Tests.Formats.CsvTestSupport;

namespace QueryEngine.Engine.Tests.Formats;

/// <summary>Random records written by a simple encoder must read back exactly, whatever the buffer, batch and projection.</summary>
public sealed class CsvRandomizedTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string RandomField(Random random, string alphabet)
    {
        var length = random.Next(0, 4) == 0 ? random.Next(20, 80) : random.Next(0, 8);
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++) sb.Append(alphabet[random.Next(alphabet.Length)]);
        return sb.ToString();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void QuotedCsvRoundTrips(int seed)
    {
        var random = new Random(seed);
        const int fieldCount = 6;
        var records = new List<string[]>();
        var file = new StringBuilder();
        for (var r = 0; r < 400; r++)
        {
            var fields = new string[fieldCount];
            for (var f = 0; f < fieldCount; f++)
            {
                fields[f] = RandomField(random, "abc xyz,\"\n\r;é");
                var mustQuote = fields[f].IndexOfAny([',', '"', '\n', '\r']) >= 0 || (fields[f].Length > 0 && fields[f][0] == '"');
                if (mustQuote || random.Next(5) == 0) file.Append('"').Append(fields[f].Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                else file.Append(fields[f]);
                if (f < fieldCount - 1) file.Append(',');
            }
            // An unquoted last field ending in \r would lose it to the \r\n rule; quote such records' terminators sanely.
            if (fields[fieldCount - 1].EndsWith('\r') && file[^1] == '\r') fields[fieldCount - 1] = fields[fieldCount - 1][..^1];
            file.Append(random.Next(3) == 0 ? "\r\n" : "\n");
            records.Add(fields);
        }
        var path = _dir.Write($"q{seed}.csv", file.ToString());
        foreach (var (buffer, batch) in new[] { (16, 7), (64, 1000), (1 << 16, 8192), (40, 1) })
        {
            var projection = new[] { 4, 0, 2 };
            var columns = projection.Select(f => new CsvColumn(f, "c" + f, DataType.Utf8)).ToArray();
            var rows = Rows(ReadBatches(path, CsvOptions.Default, columns, batch, buffer));
            Assert.Equal(records.Count, rows.Count);
            for (var r = 0; r < records.Count; r++)
            {
                for (var c = 0; c < projection.Length; c++) Assert.Equal(records[r][projection[c]], rows[r][c]);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void HiveTextWithEscapesRoundTrips(int seed)
    {
        var random = new Random(seed);
        const int fieldCount = 12;
        var records = new List<string[]>();
        var file = new StringBuilder();
        for (var r = 0; r < 600; r++)
        {
            var fields = new string[fieldCount];
            for (var f = 0; f < fieldCount; f++)
            {
                fields[f] = RandomField(random, "abcdefgh 0123|\\\t");
                file.Append(fields[f].Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal));
                if (f < fieldCount - 1) file.Append('|');
            }
            file.Append('\n');
            records.Add(fields);
        }
        var path = _dir.Write($"h{seed}.txt", file.ToString());
        var options = new CsvOptions { Delimiter = '|', Quote = null, Escape = '\\' };
        foreach (var projection in new[] { new[] { 0 }, new[] { 11, 3, 7 }, Enumerable.Range(0, fieldCount).ToArray() })
        {
            var columns = projection.Select(f => new CsvColumn(f, "c" + f, DataType.Utf8)).ToArray();
            foreach (var buffer in new[] { 16, 33, 4096 })
            {
                var rows = Rows(ReadBatches(path, options, columns, 100, buffer));
                Assert.Equal(records.Count, rows.Count);
                for (var r = 0; r < records.Count; r++)
                {
                    for (var c = 0; c < projection.Length; c++) Assert.Equal(records[r][projection[c]], rows[r][c]);
                }
            }
        }
    }

    [Fact]
    public void WideUnquotedLinesMatchSplit()
    {
        // Long lines with many fields exercise the 32-byte block scanner across block and buffer edges.
        var random = new Random(7);
        var lines = new List<string>();
        for (var r = 0; r < 300; r++)
        {
            var fields = new string[40];
            for (var f = 0; f < fields.Length; f++) fields[f] = RandomField(random, "abcdefghijklmnopqrstuvwxyz0123456789 ");
            lines.Add(string.Join('\u0001', fields));
        }
        var path = _dir.Write("wide.txt", string.Join('\n', lines) + "\n");
        var options = new CsvOptions { Delimiter = '\u0001', Quote = null };
        var projection = new[] { 39, 0, 17, 31, 32, 33 };
        var columns = projection.Select(f => new CsvColumn(f, "c" + f, DataType.Utf8)).ToArray();
        foreach (var buffer in new[] { 16, 100, 1 << 20 })
        {
            var rows = Rows(ReadBatches(path, options, columns, 64, buffer));
            Assert.Equal(lines.Count, rows.Count);
            for (var r = 0; r < lines.Count; r++)
            {
                var expected = lines[r].Split('\u0001');
                for (var c = 0; c < projection.Length; c++) Assert.Equal(expected[projection[c]], rows[r][c]);
            }
        }
    }
}
