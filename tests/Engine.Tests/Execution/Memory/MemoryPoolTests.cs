using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Memory;
using Xunit;

namespace QueryEngine.Engine.Tests.Execution.Memory;

public sealed class MemoryPoolTests
{
    private static QueryMemoryPool Pool(long limit) => new(new MemorySettings(limit, SpillEnabled: true, Path.GetTempPath()));

    [Fact]
    public void ReservationsShareTheQueryLimitAndTrackPeaks()
    {
        using var pool = Pool(1000);
        var sort = pool.Reserve("Sort");
        var join = pool.Reserve("HashJoin build");
        Assert.True(sort.TryGrow(600));
        Assert.False(join.TryGrow(500));
        Assert.Equal(0, join.Size);
        Assert.True(join.TryGrow(400));
        Assert.Equal(1000, pool.Reserved);
        sort.Shrink(100);
        Assert.Equal(500, sort.Size);
        Assert.Equal(600, sort.Peak);
        sort.Free();
        join.Dispose();
        Assert.Equal(0, pool.Reserved);
        Assert.Equal(1000, pool.Peak);
    }

    [Fact]
    public void GrowBeyondTheLimitThrowsNamingTheOperator()
    {
        using var pool = Pool(64L << 20);
        var other = pool.Reserve("Sort");
        other.Grow((64L << 20) - (100L << 10));
        var join = pool.Reserve("HashJoin build");
        var error = Assert.Throws<MemoryLimitExceededException>(() => join.Grow(8L << 20));
        Assert.Equal("Query exceeded memory limit of 64MB in HashJoin build (reserved 63.9MB, requested 8MB)", error.Message);
        Assert.Equal(0, join.Size);
        Assert.Contains("query_max_memory", error.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void ParallelGrowthNeverPassesTheLimit()
    {
        using var pool = Pool(100_000);
        var granted = 0L;
        Parallel.For(0, 8, _ =>
        {
            var reservation = pool.Reserve("HashAggregate");
            for (var i = 0; i < 10_000; i++)
            {
                if (reservation.TryGrow(7)) Interlocked.Add(ref granted, 7);
            }
        });
        Assert.Equal(granted, pool.Reserved);
        Assert.InRange(pool.Reserved, 100_000 - 6, 100_000);
    }

    [Theory]
    [InlineData("1GB", 1L << 30)]
    [InlineData("64 mb", 64L << 20)]
    [InlineData("1.5MB", 3L << 19)]
    [InlineData("512kB", 512L << 10)]
    [InlineData("2048", 2048)]
    [InlineData("10B", 10)]
    public void SizesParse(string text, long bytes) => Assert.Equal(bytes, ByteSize.Parse(text, "query_max_memory"));

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("-1GB")]
    [InlineData("0")]
    [InlineData("1PB")]
    public void BadSizesAreRejectedNamingTheSetting(string text)
    {
        var error = Assert.Throws<SemanticException>(() => ByteSize.Parse(text, "--memory-limit"));
        Assert.StartsWith("--memory-limit: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(512, "512B")]
    [InlineData(64L << 20, "64MB")]
    [InlineData((64L << 20) - (100L << 10), "63.9MB")]
    [InlineData(3L << 29, "1.5GB")]
    public void SizesFormat(long bytes, string text) => Assert.Equal(text, ByteSize.Format(bytes));

    [Fact]
    public void TheDefaultLimitIsAShareOfTheMemoryThisProcessMayUse()
    {
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        Assert.Equal((long)(available * 0.6), MemorySettings.DefaultLimit());
    }
}
