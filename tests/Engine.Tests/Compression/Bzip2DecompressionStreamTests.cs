using System.Text;
using QueryEngine.Engine.Compression;
using Xunit;

namespace QueryEngine.Engine.Tests.Compression;

/// <summary>
/// Our bzip2 decoder gives back exactly what the reference <c>bzip2</c> tool compressed: every byte value, the run-length
/// edge cases (runs of 4, 5, 259 and 260 equal bytes, which the format writes as four bytes and a count), many blocks,
/// every block size, concatenated streams; corrupt, truncated and foreign data are <see cref="InvalidDataException"/>s.
/// </summary>
public sealed class Bzip2DecompressionStreamTests
{
    public static TheoryData<string> Shapes => ["empty", "one", "all-bytes", "runs", "text", "random", "zeros", "mixed"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void DecodesWhatTheReferenceToolWrites(string shape)
    {
        var data = Sample(shape);
        var compressed = ReferenceBzip2.Compress(data);
        Assert.Equal(data, Decompress(compressed, readSize: 1 << 16));
        Assert.Equal(data, Decompress(compressed, readSize: 7));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(9)]
    public void DecodesManyBlocksAtEveryBlockSize(int level)
    {
        // About 1.3 MB: 13 blocks of 100 kB at level 1, 3 at level 5, 2 at level 9.
        var data = Concat(Sample("text"), Sample("random"), Sample("runs"), Sample("text"), Sample("zeros"), Sample("mixed"));
        Assert.True(data.Length > 1_000_000);
        Assert.Equal(data, Decompress(ReferenceBzip2.Compress(data, level), readSize: 100_003));
    }

    [Fact]
    public void ConcatenatedStreamsAreOneContent()
    {
        var first = Sample("text");
        var second = Sample("runs");
        var third = Sample("one");
        var compressed = Concat(ReferenceBzip2.Compress(first, 1), ReferenceBzip2.Compress(second, 9), ReferenceBzip2.Compress(third, 3));
        Assert.Equal(Concat(first, second, third), Decompress(compressed, readSize: 4096));
    }

    [Fact]
    public void AnEmptyInputIsAnEmptyContent() => Assert.Empty(Decompress([], readSize: 10));

    [Fact]
    public void AFlippedBitIsCaughtByTheCrcsOrTheCodes()
    {
        var compressed = ReferenceBzip2.Compress(Sample("text"));
        var random = new Random(5);
        for (var trial = 0; trial < 40; trial++)
        {
            var corrupt = (byte[])compressed.Clone();
            var position = random.Next(4, corrupt.Length - 10);
            corrupt[position] ^= (byte)(1 << random.Next(8));
            Assert.Throws<InvalidDataException>(() => Decompress(corrupt, readSize: 1 << 16));
        }
    }

    [Fact]
    public void TruncatedDataIsAnErrorNotAShortContent()
    {
        var compressed = ReferenceBzip2.Compress(Sample("mixed"));
        foreach (var keep in new[] { 3, 4, 10, 40, compressed.Length / 2, compressed.Length - 5, compressed.Length - 1 })
        {
            var error = Assert.Throws<InvalidDataException>(() => Decompress(compressed[..keep], readSize: 1 << 16));
            Assert.Contains("bzip2", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ForeignDataIsRefusedWithAReason()
    {
        var error = Assert.Throws<InvalidDataException>(() => Decompress("id,name\n1,a\n"u8.ToArray(), readSize: 100));
        Assert.Contains("bzip2 stream header", error.Message, StringComparison.Ordinal);
        var garbageAfter = Concat(ReferenceBzip2.Compress(Sample("one")), "junk"u8.ToArray());
        error = Assert.Throws<InvalidDataException>(() => Decompress(garbageAfter, readSize: 100));
        Assert.Contains("after the end of a bzip2 stream", error.Message, StringComparison.Ordinal);
        var badLevel = ReferenceBzip2.Compress(Sample("one"));
        badLevel[3] = (byte)'0';
        error = Assert.Throws<InvalidDataException>(() => Decompress(badLevel, readSize: 100));
        Assert.Contains("block size level", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Decompress(byte[] compressed, int readSize)
    {
        using var stream = new Bzip2DecompressionStream(new MemoryStream(compressed));
        var output = new MemoryStream();
        var buffer = new byte[readSize];
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0) output.Write(buffer, 0, n);
        Assert.Equal(0, stream.Read(buffer, 0, buffer.Length));
        return output.ToArray();
    }

    private static byte[] Sample(string shape)
    {
        var random = new Random(shape.Length * 31 + shape[0]);
        switch (shape)
        {
            case "empty":
                return [];
            case "one":
                return [(byte)'x'];
            case "all-bytes":
                {
                    var data = new byte[256 * 40];
                    for (var i = 0; i < data.Length; i++) data[i] = (byte)(i * 7 % 256);
                    return data;
                }
            case "runs":
                {
                    var output = new MemoryStream();
                    foreach (var length in new[] { 1, 2, 3, 4, 5, 6, 8, 100, 255, 258, 259, 260, 261, 263, 518, 519, 520, 1000, 4, 4, 3, 5 })
                    {
                        var value = (byte)random.Next(256);
                        for (var i = 0; i < length; i++) output.WriteByte(value);
                        output.WriteByte((byte)(value ^ 1));
                    }
                    for (var i = 0; i < 50_000; i++) output.WriteByte((byte)'a');
                    return output.ToArray();
                }
            case "text":
                {
                    var text = new StringBuilder();
                    for (var i = 0; text.Length < 300_000; i++)
                    {
                        text.Append(i).Append(",customer#").Append(random.Next(1000)).Append(',').Append(random.Next(100_000) / 100.0)
                            .Append(",the quick brown fox jumps over the lazy dog ").Append(i % 13).Append('\n');
                    }
                    return Encoding.UTF8.GetBytes(text.ToString());
                }
            case "random":
                {
                    var data = new byte[250_000];
                    random.NextBytes(data);
                    return data;
                }
            case "zeros":
                return new byte[400_000];
            default:
                {
                    var output = new MemoryStream();
                    while (output.Length < 200_000)
                    {
                        var kind = random.Next(3);
                        var length = random.Next(1, 600);
                        var value = (byte)random.Next(256);
                        for (var i = 0; i < length; i++) output.WriteByte(kind == 0 ? value : kind == 1 ? (byte)random.Next(256) : (byte)('a' + i % 3));
                    }
                    return output.ToArray();
                }
        }
    }

    private static byte[] Concat(params byte[][] parts)
    {
        var output = new MemoryStream();
        foreach (var part in parts) output.Write(part);
        return output.ToArray();
    }
}
