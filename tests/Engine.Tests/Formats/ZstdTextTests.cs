using System.Diagnostics;
using System.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Csv;
using Xunit;
using static QueryEngine.Engine.Tests.Formats.CsvTestSupport;

namespace QueryEngine.Engine.Tests.Formats;

/// <summary>
/// zstd-compressed text files (compressed by the reference <c>zstd</c> tool, which test.sh installs) read exactly like
/// their plain content; corrupt and truncated ones fail naming the file.
/// </summary>
public sealed class ZstdTextTests : IDisposable
{
    private static readonly CsvOptions Tbl = new() { Delimiter = '|', Quote = null, NullMarker = "\\N" };
    private static readonly CsvColumn[] Cols = Columns(("k", DataType.Int64), ("s", DataType.Utf8), ("d", DataType.Decimal(15, 2)));

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Lines(int count)
    {
        var sb = new StringBuilder();
        var random = new Random(11);
        for (var i = 0; i < count; i++)
        {
            sb.Append(i).Append('|').Append(Convert.ToHexString(BitConverter.GetBytes(random.NextInt64()))).Append('|')
              .Append(random.Next(-100000, 100000) / 100.0m).Append("|\n");
        }
        return sb.ToString();
    }

    [Fact]
    public void ZstdByExtensionAndByMagicBytesAcrossFrames()
    {
        var content = Lines(20_000);
        var expected = Show(ReadFile(_dir.Write("plain.tbl", content), Tbl, Cols));
        Assert.Equal(20_000, expected.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var zst = Zstd(content);
        Assert.Equal(expected, Show(ReadFile(_dir.Write("a.tbl.zst", zst), Tbl, Cols, bufferSize: 100)));
        Assert.Equal(expected, Show(ReadFile(_dir.Write("b.tbl.zstd", zst), Tbl, Cols)));
        Assert.Equal(expected, Show(ReadFile(_dir.Write("no-extension", zst), Tbl, Cols)));
        // Concatenated frames are one content.
        var cut = content.IndexOf('\n', content.Length / 3) + 1;
        var two = Zstd(content[..cut]).Concat(Zstd(content[cut..])).ToArray();
        Assert.Equal(expected, Show(ReadFile(_dir.Write("two.zst", two), Tbl, Cols, bufferSize: 4096)));
        Assert.Empty(ReadFile(_dir.Write("empty.zst", []), Tbl, Cols));
    }

    [Fact]
    public void CorruptZstdNamesTheFile()
    {
        var zst = Zstd(Lines(2000));
        var corrupt = (byte[])zst.Clone();
        for (var i = 12; i < 60; i++) corrupt[i] ^= 0x5A;
        var path = _dir.Write("bad.tbl.zst", corrupt);
        var ex = Assert.Throws<CorruptDataException>(() => ReadFile(path, Tbl, Cols));
        Assert.Equal(path, ex.File);
        Assert.Contains("zstd", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedZstdIsCorruptNotShort()
    {
        var zst = Zstd(Lines(2000));
        foreach (var keep in new[] { zst.Length - 1, zst.Length - 4, zst.Length / 2, 6 })
        {
            var path = _dir.Write($"cut{keep}.zst", zst[..keep]);
            var ex = Assert.Throws<CorruptDataException>(() => ReadFile(path, Tbl, Cols));
            Assert.Equal(path, ex.File);
            Assert.Contains("zstd", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NotZstdButNamedZst()
    {
        var path = _dir.Write("fake.zst", "1|a|1.00|\n");
        var ex = Assert.Throws<CorruptDataException>(() => ReadFile(path, Tbl, Cols));
        Assert.Equal(path, ex.File);
    }

    private static string Show(IEnumerable<object?[]> rows) =>
        string.Join("\n", rows.Select(r => string.Join("|", r.Select(v => v is null ? "NULL" : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)))));

    /// <summary>Compresses with the reference <c>zstd</c> command-line tool (content checksum on, its default).</summary>
    private static byte[] Zstd(string text)
    {
        var start = new ProcessStartInfo("zstd", "-q -c -")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        process.StandardInput.BaseStream.Write(Encoding.UTF8.GetBytes(text));
        process.StandardInput.Close();
        copy.Wait();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output.ToArray();
    }
}
