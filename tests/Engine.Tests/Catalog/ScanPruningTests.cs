using Xunit;
using QueryEngine.Engine.Catalog;

namespace QueryEngine.Engine.Tests.Catalog;

public sealed class ScanPruningTests
{
    [Fact]
    public void NothingSkippedHasNoNote() =>
        Assert.Null(new ScanPruning(8, 0, 0, 0, 0).Describe());

    [Fact]
    public void EveryReasonIsNamedWithItsCount() =>
        Assert.Equal("row groups: 3 of 8 read (statistics skipped 4, bloom 1), pages skipped: 12",
            new ScanPruning(3, 4, 1, 0, 12).Describe());

    [Fact]
    public void BloomAndPageIndexAloneSayTheyWereSkipped() =>
        Assert.Equal("row groups: 5 of 8 read (bloom skipped 2, page index 1)",
            new ScanPruning(5, 0, 2, 1, 0).Describe());

    [Fact]
    public void PageIndexAloneSaysSkipped() =>
        Assert.Equal("row groups: 1 of 2 read (page index skipped 1)", new ScanPruning(1, 0, 0, 1, 0).Describe());

    [Fact]
    public void TotalCountsEveryReason() =>
        Assert.Equal(7, new ScanPruning(1, 4, 2, 1, 0).RowGroupsSkipped);
}
