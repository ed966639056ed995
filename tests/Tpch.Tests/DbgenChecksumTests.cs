using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace QueryEngine.Tpch.Tests;

/// <summary>Every table is byte-identical to dbgen 2.17.3: its SHA-256 equals the kit's SHA256SUMS line.</summary>
public sealed class DbgenChecksumTests(TextPoolFixture fixture) : IClassFixture<TextPoolFixture>
{
    [Theory]
    [InlineData("region")]
    [InlineData("nation")]
    [InlineData("supplier")]
    [InlineData("customer")]
    [InlineData("part")]
    [InlineData("partsupp")]
    [InlineData("orders")]
    [InlineData("lineitem")]
    public void Sf001TableMatchesDbgen(string table) => AssertMatches("0.01", 0.01, table);

    [Theory]
    [InlineData("supplier")]
    [InlineData("customer")]
    [InlineData("part")]
    [InlineData("partsupp")]
    [InlineData("orders")]
    [InlineData("lineitem")]
    public void Sf01TableMatchesDbgen(string table) => AssertMatches("0.1", 0.1, table);

    private void AssertMatches(string sfText, double sf, string tableName)
    {
        Assert.True(TpchTables.TryParse(tableName, out var table));
        var generator = new TpchDataGenerator(sf, fixture.Pool);
        using var memory = new MemoryStream();
        var results = generator.Generate([table], _ => (new NonClosingStream(memory), null));
        var bytes = memory.ToArray();
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var expected = SharedTpch.ExpectedSha256(sfText, tableName);
        if (actual != expected)
        {
            Assert.Fail($"sf{sfText}/{tableName}.tbl differs from dbgen: {FirstDifference(sfText, tableName, bytes)}");
        }

        Assert.Equal(CountLines(bytes), Assert.Single(results).Rows);
    }

    private static long CountLines(byte[] bytes) => bytes.AsSpan().Count((byte)'\n');

    private static string FirstDifference(string sf, string table, byte[] bytes)
    {
        var ours = Encoding.ASCII.GetString(bytes).Split('\n');
        var number = 0;
        foreach (var expected in SharedTpch.ReferenceLines(sf, table))
        {
            var actual = number < ours.Length ? ours[number] : "<end of file>";
            if (actual != expected)
            {
                return $"line {number + 1}:\n  expected {expected}\n  actual   {actual}";
            }

            number++;
        }

        return $"reference has {number} lines, generated {ours.Length - 1}";
    }

    /// <summary>Keeps the MemoryStream readable after the generator disposes its output.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
    }
}
