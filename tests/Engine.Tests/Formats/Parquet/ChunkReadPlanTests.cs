using QueryEngine.Engine.Formats.Parquet.Reading;
using Xunit;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>How column-chunk ranges become reads (coalesced across small gaps, capped) and requests (pieces).</summary>
public sealed class ChunkReadPlanTests
{
    private static readonly ChunkReadPlan.Settings Small = new(Gap: 100, MaxRead: 1000, PieceSize: 300);

    [Fact]
    public void RangesCloserThanTheGapAreReadTogether()
    {
        (long, long)[] ranges = [(0, 50), (120, 30), (250, 10), (361, 5), (400, 10)];
        var reads = ChunkReadPlan.Coalesce(ranges, Small);
        // 150..250 is a gap of 100 (joined), 260..361 one of 101 (not joined).
        Assert.Equal([new(0, 260, 0, 3), new(361, 49, 3, 5)], reads);
    }

    [Fact]
    public void AReadStopsGrowingAtTheCapButASingleLargerRangeIsReadWhole()
    {
        (long, long)[] ranges = [(0, 600), (600, 300), (900, 200), (1100, 5000)];
        var reads = ChunkReadPlan.Coalesce(ranges, Small);
        Assert.Equal([new(0, 900, 0, 2), new(900, 200, 2, 3), new(1100, 5000, 3, 4)], reads);
    }

    [Fact]
    public void OverlappingRangesShareTheirRead()
    {
        (long, long)[] ranges = [(0, 100), (50, 20), (90, 40)];
        Assert.Equal([new(0, 130, 0, 3)], ChunkReadPlan.Coalesce(ranges, Small));
    }

    [Fact]
    public void ReadsAreCutIntoPiecesOfAtMostThePieceSize()
    {
        ChunkReadPlan.Read[] reads = [new(0, 700, 0, 2), new(5000, 300, 2, 3), new(9000, 1, 3, 4)];
        var pieces = ChunkReadPlan.Pieces(reads, Small);
        Assert.Equal([new(0, 0, 300), new(0, 300, 300), new(0, 600, 100), new(1, 0, 300), new(2, 0, 1)], pieces);
    }
}
