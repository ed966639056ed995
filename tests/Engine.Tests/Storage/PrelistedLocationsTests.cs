using QueryEngine.Engine.Storage;
using Xunit;

namespace QueryEngine.Engine.Tests.Storage;

public sealed class PrelistedLocationsTests
{
    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static PrelistedLocations Listed()
    {
        var listings = new PrelistedLocations();
        listings.Add("s3://bucket/table/", [
            new ObjectInfo("s3://bucket/table/dt=1/a.csv", "dt=1/a.csv", 10, Time) { ETag = "e1" },
            new ObjectInfo("s3://bucket/table/dt=1/sub/b.csv", "dt=1/sub/b.csv", 20, Time),
            new ObjectInfo("s3://bucket/table/dt=2/c.csv", "dt=2/c.csv", 30, Time),
            new ObjectInfo("s3://bucket/table/top.csv", "top.csv", 40, Time),
        ]);
        return listings;
    }

    [Fact]
    public void AFolderUnderAListedLocationListsItsFilesRelativeToIt()
    {
        Assert.True(Listed().TryList("s3://bucket/table/dt=1", out var objects));
        Assert.Equal(["dt=1/a.csv", "dt=1/sub/b.csv"], objects.Select(o => o.Path["s3://bucket/table/".Length..]));
        Assert.Equal(["a.csv", "sub/b.csv"], objects.Select(o => o.RelativePath));
        Assert.Equal("e1", objects[0].ETag);
        Assert.True(Listed().TryList("s3://bucket/table/dt=1/sub/", out var sub));
        Assert.Equal(["b.csv"], sub.Select(o => o.RelativePath));
    }

    [Fact]
    public void TheListedLocationItselfAndAFileUnderItAreAnsweredToo()
    {
        Assert.True(Listed().TryList("s3://bucket/table", out var all));
        Assert.Equal(4, all.Count);
        Assert.True(Listed().TryList("s3://bucket/table/dt=2/c.csv", out var file));
        Assert.Equal(("c.csv", 30L), (file.Single().RelativePath, file.Single().Size));
    }

    [Fact]
    public void AMissingFolderUnderAListedLocationIsEmptyAndOtherLocationsAreNotCovered()
    {
        Assert.True(Listed().TryList("s3://bucket/table/dt=9", out var missing));
        Assert.Empty(missing);
        Assert.False(Listed().TryList("s3://bucket/tablex/dt=1", out _));
        Assert.False(Listed().TryList("s3://bucket/other", out _));
        Assert.True(PrelistedLocations.IsUnder("s3://bucket/table/dt=1/", "s3://bucket/table/"));
        Assert.True(PrelistedLocations.IsUnder("s3://bucket/table", "s3://bucket/table/"));
        Assert.False(PrelistedLocations.IsUnder("s3://bucket/tablex/dt=1", "s3://bucket/table"));
    }
}
