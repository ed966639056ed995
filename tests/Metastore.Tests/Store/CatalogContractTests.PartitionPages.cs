using System.Globalization;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using Xunit;

namespace QueryEngine.Metastore.Tests.Store;

/// <summary>Paged partition listings (<see cref="ICatalog.ReadPartitionPages"/>): count first, name order, pages, filters.</summary>
public abstract partial class CatalogContractTests
{
    [Fact]
    public void PartitionPagesHoldTheWholeListingInNameOrder()
    {
        Catalog.CreateTable(SampleTable("default", "orders"), ifNotExists: false);
        var partitions = new List<PartitionInfo>();
        for (var day = 11; day >= 1; day--)
        {
            var ds = string.Create(CultureInfo.InvariantCulture, $"2024-01-{day:00}");
            partitions.Add(Part(ds, "us"));
            partitions.Add(new PartitionInfo("default", "orders", [ds, "eu"],
                new StorageInfo($"/elsewhere/{ds}", StorageInfo.Formats.ParquetInput, StorageInfo.Formats.ParquetOutput, StorageInfo.Formats.ParquetSerde)
                {
                    SerdeParameters = new Dictionary<string, string> { ["serialization.format"] = day.ToString(CultureInfo.InvariantCulture) },
                })
            {
                Parameters = new Dictionary<string, string> { ["numRows"] = day.ToString(CultureInfo.InvariantCulture), ["note"] = "ünï" },
                CreateTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000 + day),
            });
        }
        partitions.Add(new PartitionInfo("default", "orders", ["2024-02-01", "eu"]) { Columns = [new ColumnInfo("o_orderkey", "bigint"), new ColumnInfo("o_extra", "int")] });
        Catalog.AddPartitions("default", "orders", partitions, ifNotExists: false);

        var pages = new RecordedPages();
        Catalog.ReadPartitionPages("default", "ORDERS", new PartitionPageRequest(PartitionFilter.None, PageSize: 5), pages);

        var expected = Catalog.ListPartitions("default", "orders");
        Assert.Equal([23], pages.Counts);
        Assert.Equal([5, 5, 5, 5, 3], pages.Sizes);
        Assert.Equal(expected.Select(Name), pages.All.Select(Name));
        Assert.Equal("ds=2024-01-01/region=eu", Name(pages.All[0]));
        for (var i = 0; i < expected.Count; i++)
        {
            var (want, got) = (expected[i], pages.All[i]);
            Assert.Equal(("default", "orders"), (got.Database, got.Table));
            Assert.Equal(want.Storage!.Location, got.Storage!.Location);
            Assert.Equal(want.Storage.InputFormat, got.Storage.InputFormat);
            Assert.Equal(want.Storage.SerdeLibrary, got.Storage.SerdeLibrary);
            CatalogAssert.Equal(want.Storage.SerdeParameters, got.Storage.SerdeParameters);
            CatalogAssert.Equal(want.Parameters, got.Parameters);
            Assert.Equal(want.Columns, got.Columns);
            Assert.Equal(want.CreateTime, got.CreateTime);
            Assert.Equal(want.Version, got.Version);
        }
        var eu = pages.All.Single(p => Name(p) == "ds=2024-01-07/region=eu");
        Assert.Equal("7", eu.Storage!.SerdeParameters["serialization.format"]);
        Assert.Equal("7", eu.Parameters["numRows"]);
        Assert.Equal([new ColumnInfo("o_orderkey", "bigint"), new ColumnInfo("o_extra", "int")], pages.All[^1].Columns);
        Assert.Null(pages.All[0].Columns);
    }

    [Fact]
    public void PartitionPagesApplyTheFilterTheTestAndTheLimitInNameOrder()
    {
        Catalog.CreateTable(SampleTable("default", "orders"), ifNotExists: false);
        Catalog.AddPartitions("default", "orders",
            [Part("2024-01-05", "eu"), Part("2024-01-01", "eu"), Part("2024-01-03", "eu"), Part("2024-01-02", "eu"), Part("2024-01-04", "eu"), Part("2024-01-01", "us")],
            ifNotExists: false);

        var request = new PartitionPageRequest(
            new PartitionFilter([new PartitionKeyFilter("region", ["eu"])]),
            Keep: values => values[0] != "2024-01-02",
            Limit: 3,
            PageSize: 2);
        var pages = new RecordedPages();
        Catalog.ReadPartitionPages("default", "orders", request, pages);

        Assert.Equal([3], pages.Counts);
        Assert.Equal([2, 1], pages.Sizes);
        Assert.Equal(["2024-01-01", "2024-01-03", "2024-01-04"], pages.All.Select(p => p.Values[0]));

        var none = new RecordedPages();
        Catalog.ReadPartitionPages("default", "orders", new PartitionPageRequest(new PartitionFilter([new PartitionKeyFilter("region", ["asia"])])), none);
        Assert.Equal([0], none.Counts);
        Assert.Empty(none.Sizes);
    }

    [Fact]
    public void PartitionPagesOfAnUnpartitionedTableAreEmptyAndOfAMissingTableAnError()
    {
        Catalog.CreateTable(SampleTable("default", "flat") with { PartitionKeys = [] }, ifNotExists: false);
        var pages = new RecordedPages();
        Catalog.ReadPartitionPages("default", "flat", PartitionPageRequest.All, pages);
        Assert.Equal([0], pages.Counts);
        Assert.Empty(pages.Sizes);

        var missing = Assert.Throws<NotFoundException>(() => Catalog.ReadPartitionPages("default", "nope", PartitionPageRequest.All, new RecordedPages()));
        Assert.Equal(ErrorCode.TableNotFound, missing.Code);
    }

    private static string Name(PartitionInfo partition) => $"ds={partition.Values[0]}/region={partition.Values[1]}";

    private sealed class RecordedPages : IPartitionPageReader
    {
        public List<int> Counts { get; } = [];

        public List<int> Sizes { get; } = [];

        public List<PartitionInfo> All { get; } = [];

        public void Begin(int count) => Counts.Add(count);

        public void Page(IReadOnlyList<PartitionInfo> partitions)
        {
            Sizes.Add(partitions.Count);
            All.AddRange(partitions);
        }
    }
}
