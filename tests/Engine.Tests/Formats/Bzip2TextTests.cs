using System.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Csv;
using QueryEngine.Engine.Tests.Compression;
using Xunit;
using static QueryEngine.Engine.Tests.Formats.CsvTestSupport;

namespace QueryEngine.Engine.Tests.Formats;

/// <summary>
/// bzip2-compressed text files (compressed by the reference <c>bzip2</c> tool) read exactly like their plain content,
/// found by name (<c>.bz2</c>) or by magic bytes; corrupt and truncated ones fail naming the file.
/// </summary>
public sealed class Bzip2TextTests : IDisposable
{
    private static readonly CsvOptions Tbl = new() { Delimiter = '|', Quote = null, NullMarker = "\\N" };
    private static readonly CsvColumn[] Cols = Columns(("k", DataType.Int64), ("s", DataType.Utf8), ("d", DataType.Decimal(15, 2)));

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Lines(int count)
    {
        var sb = new StringBuilder();
        var random = new Random(13);
        for (var i = 0; i < count; i++)
        {
            sb.Append(i).Append('|').Append(Convert.ToHexString(BitConverter.GetBytes(random.NextInt64()))).Append('|')
              .Append(random.Next(-100000, 100000) / 100.0m).Append("|\n");
        }
        return sb.ToString();
    }

    [Fact]
    public void Bzip2ByExtensionAndByMagicBytesAcrossBlocksAndStreams()
    {
        var content = Lines(20_000);
        var expected = Show(ReadFile(_dir.Write("plain.tbl", content), Tbl, Cols));
        Assert.Equal(20_000, expected.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var bz2 = ReferenceBzip2.Compress(Encoding.UTF8.GetBytes(content), level: 1);
        Assert.Equal(expected, Show(ReadFile(_dir.Write("a.tbl.bz2", bz2), Tbl, Cols, bufferSize: 100)));
        Assert.Equal(expected, Show(ReadFile(_dir.Write("b.tbl.bzip2", bz2), Tbl, Cols)));
        Assert.Equal(expected, Show(ReadFile(_dir.Write("no-extension", bz2), Tbl, Cols)));
        var cut = content.IndexOf('\n', content.Length / 3) + 1;
        var two = ReferenceBzip2.Compress(Encoding.UTF8.GetBytes(content[..cut])).Concat(ReferenceBzip2.Compress(Encoding.UTF8.GetBytes(content[cut..]))).ToArray();
        Assert.Equal(expected, Show(ReadFile(_dir.Write("two.bz2", two), Tbl, Cols, bufferSize: 4096)));
        Assert.Empty(ReadFile(_dir.Write("empty.bz2", []), Tbl, Cols));
    }

    [Fact]
    public void CorruptBzip2NamesTheFile()
    {
        var bz2 = ReferenceBzip2.Compress(Encoding.UTF8.GetBytes(Lines(2000)));
        var corrupt = (byte[])bz2.Clone();
        for (var i = 40; i < 80; i++) corrupt[i] ^= 0x5A;
        var path = _dir.Write("bad.tbl.bz2", corrupt);
        var ex = Assert.Throws<CorruptDataException>(() => ReadFile(path, Tbl, Cols));
        Assert.Equal(path, ex.File);
        Assert.Contains("invalid bzip2 data", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedBzip2IsCorruptNotShort()
    {
        var bz2 = ReferenceBzip2.Compress(Encoding.UTF8.GetBytes(Lines(2000)));
        foreach (var keep in new[] { bz2.Length - 1, bz2.Length - 4, bz2.Length / 2, 6 })
        {
            var path = _dir.Write($"cut{keep}.bz2", bz2[..keep]);
            var ex = Assert.Throws<CorruptDataException>(() => ReadFile(path, Tbl, Cols));
            Assert.Equal(path, ex.File);
            Assert.Contains("bzip2", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NotBzip2ButNamedBz2()
    {
        var path = _dir.Write("fake.bz2", "1|a|1.00|\n");
        var ex = Assert.Throws<CorruptDataException>(() => ReadFile(path, Tbl, Cols));
        Assert.Equal(path, ex.File);
        Assert.Contains("bzip2 stream header", ex.Message, StringComparison.Ordinal);
    }

    private static string Show(IEnumerable<object?[]> rows) =>
        string.Join("\n", rows.Select(r => string.Join("|", r.Select(v => v is null ? "NULL" : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)))));
}
