using Xunit;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Parquet.Encodings;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>
/// The RLE / bit-packed hybrid decoder against a reference written from the format's definition (runs built here
/// bit by bit, LSB first): every bit width 0..32, random run mixes (fixed seeds), bit-packed runs cut short at the
/// end of the data, reads split at odd points, and the level reader's counts and range checks.
/// </summary>
public sealed class RleHybridDecoderTests
{
    private static readonly PageError Where = new("test.parquet (row group 0, column c)", 0);

    public static TheoryData<int> Widths()
    {
        var data = new TheoryData<int>();
        for (var w = 0; w <= 32; w++) data.Add(w);
        return data;
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void DecodesRandomRunsOfEveryWidth(int width)
    {
        var random = new Random(1000 + width);
        for (var trial = 0; trial < 20; trial++)
        {
            var (bytes, expected) = RandomRuns(random, width, trimLastRun: trial % 2 == 1);
            var whole = new int[expected.Count];
            new RleHybridDecoder(bytes, width, Where).Read(whole);
            Assert.Equal(expected, whole);

            // The same values read in pieces of random sizes.
            var decoder = new RleHybridDecoder(bytes, width, Where);
            var pieces = new List<int>();
            while (pieces.Count < expected.Count)
            {
                var part = new int[Math.Min(expected.Count - pieces.Count, random.Next(1, 40))];
                decoder.Read(part);
                pieces.AddRange(part);
            }
            Assert.Equal(expected, pieces);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void ReadsLevelsAndCountsTheMaximum(int maxLevel)
    {
        var width = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)maxLevel);
        var random = new Random(77 + maxLevel);
        for (var trial = 0; trial < 30; trial++)
        {
            var (bytes, expected) = RandomRuns(random, width, trimLastRun: false, maxValue: maxLevel);
            var levels = new byte[expected.Count];
            var atMax = new RleHybridDecoder(bytes, width, Where).ReadLevels(levels, maxLevel);
            Assert.Equal(expected.Select(v => (byte)v), levels);
            Assert.Equal(expected.Count(v => v == maxLevel), atMax);
        }
    }

    [Fact]
    public void LevelsAboveTheMaximumAreCorruptData()
    {
        // Bit width 2 with maximum level 2: an RLE run of 3s, then a bit-packed group holding a 3.
        var rle = new List<byte>();
        AppendRle(rle, 5, 3, 2);
        Assert.Throws<CorruptDataException>(() => new RleHybridDecoder(rle.ToArray(), 2, Where).ReadLevels(new byte[5], 2));
        var packed = new List<byte>();
        AppendPacked(packed, [0, 1, 2, 3, 0, 1, 2, 1], 2);
        Assert.Throws<CorruptDataException>(() => new RleHybridDecoder(packed.ToArray(), 2, Where).ReadLevels(new byte[8], 2));
    }

    [Fact]
    public void DataEndingBeforeTheValuesIsCorruptData()
    {
        var bytes = new List<byte>();
        AppendPacked(bytes, [1, 2, 3, 4, 5, 6, 7, 0], 3);
        Assert.Throws<CorruptDataException>(() => new RleHybridDecoder(bytes.ToArray(), 3, Where).Read(new int[9]));
    }

    /// <summary>Random RLE and bit-packed runs of values below 2^width (or up to <paramref name="maxValue"/>), and the values they hold.</summary>
    private static (byte[] Bytes, List<int> Values) RandomRuns(Random random, int width, bool trimLastRun, int maxValue = -1)
    {
        var bytes = new List<byte>();
        var values = new List<int>();
        var runs = random.Next(1, 12);
        for (var r = 0; r < runs; r++)
        {
            var last = r == runs - 1;
            if (width > 0 && random.Next(2) == 0)
            {
                var groups = random.Next(1, 20);
                var run = new int[groups * 8];
                for (var i = 0; i < run.Length; i++) run[i] = RandomValue(random, width, maxValue);
                if (last && trimLastRun)
                {
                    // A writer may stop the final run's bytes after its last meaningful value.
                    var keep = random.Next(1, run.Length + 1);
                    var before = bytes.Count;
                    AppendPacked(bytes, run, width);
                    var needed = ((keep * width) + 7) / 8;
                    bytes.RemoveRange(before + HeaderLength(bytes, before) + needed, bytes.Count - (before + HeaderLength(bytes, before) + needed));
                    values.AddRange(run.Take(keep));
                }
                else
                {
                    AppendPacked(bytes, run, width);
                    values.AddRange(run);
                }
            }
            else
            {
                var count = random.Next(1, 300);
                var value = RandomValue(random, width, maxValue);
                AppendRle(bytes, count, value, width);
                values.AddRange(Enumerable.Repeat(value, count));
            }
        }
        return (bytes.ToArray(), values);
    }

    private static int RandomValue(Random random, int width, int maxValue)
    {
        if (maxValue >= 0) return random.Next(maxValue + 1);
        if (width == 0) return 0;
        var bits = (uint)random.NextInt64(0, 1L << 32);
        return (int)(width == 32 ? bits : bits & ((1u << width) - 1));
    }

    private static int HeaderLength(List<byte> bytes, int start)
    {
        var n = 1;
        while ((bytes[start + n - 1] & 0x80) != 0) n++;
        return n;
    }

    private static void AppendVarint(List<byte> bytes, uint value)
    {
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }
        bytes.Add((byte)value);
    }

    private static void AppendRle(List<byte> bytes, int count, int value, int width)
    {
        AppendVarint(bytes, (uint)count << 1);
        for (var b = 0; b < (width + 7) / 8; b++) bytes.Add((byte)((uint)value >> (8 * b)));
    }

    /// <summary>Values (a multiple of 8) packed LSB first, bit by bit.</summary>
    private static void AppendPacked(List<byte> bytes, int[] values, int width)
    {
        AppendVarint(bytes, ((uint)(values.Length / 8) << 1) | 1);
        var packed = new byte[values.Length * width / 8];
        var bit = 0;
        foreach (var value in values)
        {
            for (var k = 0; k < width; k++, bit++)
            {
                if ((((uint)value >> k) & 1) != 0) packed[bit / 8] |= (byte)(1 << (bit % 8));
            }
        }
        bytes.AddRange(packed);
    }
}
