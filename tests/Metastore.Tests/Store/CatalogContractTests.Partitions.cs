using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using Xunit;

namespace QueryEngine.Metastore.Tests.Store;

/// <summary>Partitions: round trip, defaults from the table, listing and filtering, bulk add, drop, alter, concurrency.</summary>
public abstract partial class CatalogContractTests
{
    [Fact]
    public void PartitionsRoundTripWithEveryField()
    {
        Catalog.CreateTable(SampleTable("default", "orders"), ifNotExists: false);
        var own = new PartitionInfo("default", "orders", ["2024-01-01", "eu"],
            new StorageInfo("/elsewhere/eu", StorageInfo.Formats.ParquetInput, StorageInfo.Formats.ParquetOutput, StorageInfo.Formats.ParquetSerde)
            {
                SerdeParameters = new Dictionary<string, string> { ["serialization.format"] = "1" },
            })
        {
            Parameters = new Dictionary<string, string> { ["numRows"] = "42", ["unicode"] = "ünï ✓" },
            CreateTime = new DateTimeOffset(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero),
        };
        var inherited = new PartitionInfo("DEFAULT", "Orders", ["2024-01-02", "us/east"]);

        Assert.Equal(2, Catalog.AddPartitions("default", "orders", [own, inherited], ifNotExists: false));

        var read = Catalog.GetPartition("default", "ORDERS", ["2024-01-01", "eu"]);
        Assert.NotNull(read);
        Assert.Equal(["2024-01-01", "eu"], read.Values);
        Assert.Equal("/elsewhere/eu", read.Storage!.Location);
        Assert.Equal(StorageInfo.Formats.ParquetSerde, read.Storage.SerdeLibrary);
        Assert.Equal(StorageInfo.Formats.ParquetInput, read.Storage.InputFormat);
        CatalogAssert.Equal(own.Storage!.SerdeParameters, read.Storage.SerdeParameters);
        CatalogAssert.Equal(own.Parameters, read.Parameters);
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero), read.CreateTime);
        Assert.Equal(0, read.Version);

        var second = Catalog.GetPartition("default", "orders", ["2024-01-02", "us/east"]);
        Assert.NotNull(second);
        Assert.Equal("default", second.Database);
        Assert.Equal("orders", second.Table);
        Assert.Equal("/lake/default/orders/ds=2024-01-02/region=us%2Feast", second.Storage!.Location);
        Assert.Equal(StorageInfo.Formats.LazySimpleSerde, second.Storage.SerdeLibrary);
        CatalogAssert.Equal(SampleTable("default", "orders").Storage.SerdeParameters, second.Storage.SerdeParameters);
        Assert.Empty(second.Parameters);

        Assert.Null(Catalog.GetPartition("default", "orders", ["2024-01-03", "eu"]));
        Assert.Equal(["ds=2024-01-01/region=eu", "ds=2024-01-02/region=us%2Feast"], Catalog.ListPartitionNames("default", "orders"));
    }

    [Fact]
    public void PartitionValuesMustMatchTheKeys()
    {
        Catalog.CreateTable(SampleTable("default", "orders"), ifNotExists: false);
        var error = Assert.Throws<SemanticException>(() => Catalog.AddPartitions("default", "orders", [new PartitionInfo("default", "orders", ["2024-01-01"])], false));
        Assert.Equal("Table 'default.orders' has 2 partition keys (ds, region); 1 values given", error.Message);
        Assert.Throws<SemanticException>(() => Catalog.AddPartitions("default", "orders", [new PartitionInfo("default", "orders", ["2024-01-01", ""])], false));

        Catalog.CreateTable(SampleTable("default", "flat") with { PartitionKeys = [] }, ifNotExists: false);
        var flat = Assert.Throws<SemanticException>(() => Catalog.AddPartitions("default", "flat", [new PartitionInfo("default", "flat", ["x"])], false));
        Assert.Equal("Table 'default.flat' is not partitioned", flat.Message);
        Assert.Empty(Catalog.ListPartitions("default", "flat"));

        var missing = Assert.Throws<NotFoundException>(() => Catalog.ListPartitions("default", "nope"));
        Assert.Equal(ErrorCode.TableNotFound, missing.Code);
    }

    [Fact]
    public void AddingPartitionsIsAllOrNothing()
    {
        Catalog.CreateTable(SampleTable("default", "orders"), ifNotExists: false);
        Catalog.AddPartitions("default", "orders", [Part("2024-01-02", "eu")], ifNotExists: false);

        var error = Assert.Throws<SemanticException>(() => Catalog.AddPartitions("default", "orders", [Part("2024-01-01", "eu"), Part("2024-01-02", "eu")], ifNotExists: false));
        Assert.Equal(ErrorCode.AlreadyExists, error.Code);
        Assert.Equal("Partition 'ds=2024-01-02/region=eu' of table 'default.orders' already exists", error.Message);
        Assert.Equal(["ds=2024-01-02/region=eu"], Catalog.ListPartitionNames("default", "orders"));

        Assert.Throws<SemanticException>(() => Catalog.AddPartitions("default", "orders", [Part("2024-01-05", "eu"), Part("2024-01-05", "eu")], ifNotExists: false));
        Assert.Single(Catalog.ListPartitionNames("default", "orders"));

        Assert.Equal(2, Catalog.AddPartitions("default", "orders", [Part("2024-01-01", "eu"), Part("2024-01-02", "eu"), Part("2024-01-03", "eu"), Part("2024-01-03", "eu")], ifNotExists: true));
        Assert.Equal(3, Catalog.ListPartitions("default", "orders").Count);
    }

    [Fact]
    public void ListingIsInNameOrderAndFiltersByKeyValues()
    {
        Catalog.CreateTable(SampleTable("default", "orders"), ifNotExists: false);
        var parts = new List<PartitionInfo>();
        foreach (var region in (string[])["us", "eu", "ap"])
        {
            for (var day = 9; day >= 1; day--) parts.Add(Part($"2024-01-0{day}", region));
        }
        Catalog.AddPartitions("default", "orders", parts, ifNotExists: false);

        var all = Catalog.ListPartitions("default", "orders");
        Assert.Equal(27, all.Count);
        Assert.Equal(["2024-01-01", "ap"], all[0].Values);
        Assert.Equal(["2024-01-09", "us"], all[^1].Values);

        var eu = Catalog.ListPartitions("default", "orders", new PartitionFilter([new PartitionKeyFilter("REGION", ["eu"])]));
        Assert.Equal(9, eu.Count);
        Assert.All(eu, p => Assert.Equal("eu", p.Values[1]));

        var some = Catalog.ListPartitions("default", "orders", new PartitionFilter(
            [new PartitionKeyFilter("region", ["eu", "ap", "none"]), new PartitionKeyFilter("ds", ["2024-01-03", "2024-01-07"])]));
        Assert.Equal(
            ["ds=2024-01-03/region=ap", "ds=2024-01-03/region=eu", "ds=2024-01-07/region=ap", "ds=2024-01-07/region=eu"],
            some.Select(p => PartitionNames.Of(SampleTable("default", "orders").PartitionKeys, p.Values)));

        Assert.Empty(Catalog.ListPartitions("default", "orders", new PartitionFilter([new PartitionKeyFilter("ds", [])])));
        Assert.Throws<NotFoundException>(() => Catalog.ListPartitions("default", "orders", new PartitionFilter([new PartitionKeyFilter("o_orderkey", ["1"])])));
    }

    [Fact]
    public void DroppingPartitions()
    {
        Catalog.CreateTable(SampleTable("default", "orders"), ifNotExists: false);
        Catalog.AddPartitions("default", "orders", [Part("2024-01-01", "eu"), Part("2024-01-02", "eu"), Part("2024-01-03", "eu")], ifNotExists: false);

        var error = Assert.Throws<NotFoundException>(() => Catalog.DropPartitions("default", "orders", [["2024-01-01", "eu"], ["2024-01-09", "eu"]], ifExists: false));
        Assert.Equal("Partition 'ds=2024-01-09/region=eu' of table 'default.orders' does not exist", error.Message);
        Assert.Equal(3, Catalog.ListPartitionNames("default", "orders").Count);

        Assert.Equal(2, Catalog.DropPartitions("default", "orders", [["2024-01-01", "eu"], ["2024-01-09", "eu"], ["2024-01-03", "eu"]], ifExists: true));
        Assert.Equal(["ds=2024-01-02/region=eu"], Catalog.ListPartitionNames("default", "orders"));

        Catalog.DropTable("default", "orders", ifExists: false);
        Catalog.CreateTable(SampleTable("default", "orders"), ifNotExists: false);
        Assert.Empty(Catalog.ListPartitions("default", "orders"));
    }

    [Fact]
    public void DroppingADatabaseWithPartitionedTablesCascades()
    {
        Catalog.CreateDatabase(new DatabaseInfo("sales"), ifNotExists: false);
        Catalog.CreateTable(SampleTable("sales", "orders"), ifNotExists: false);
        Catalog.AddPartitions("sales", "orders", [Part("2024-01-01", "eu", "sales")], ifNotExists: false);
        Catalog.UpdateColumnStatistics("sales", "orders", ["2024-01-01", "eu"], [new ColumnStatistics("o_orderkey", "bigint") { NumNulls = 1 }]);
        Catalog.DropDatabase("sales", ifExists: false, cascade: true);
        Assert.Null(Catalog.GetDatabase("sales"));
    }

    [Fact]
    public void AlteringAPartitionChecksItsVersion()
    {
        Catalog.CreateTable(SampleTable("default", "orders"), ifNotExists: false);
        Catalog.AddPartitions("default", "orders", [Part("2024-01-01", "eu")], ifNotExists: false);
        var first = Catalog.GetPartition("default", "orders", ["2024-01-01", "eu"])!;
        var second = Catalog.GetPartition("default", "orders", ["2024-01-01", "eu"])!;

        Catalog.AlterPartition(first with
        {
            Storage = first.Storage! with { Location = "/moved/eu" },
            Parameters = new Dictionary<string, string> { ["numFiles"] = "3" },
        });
        var altered = Catalog.GetPartition("default", "orders", ["2024-01-01", "eu"])!;
        Assert.Equal("/moved/eu", altered.Storage!.Location);
        Assert.Equal("3", altered.Parameters["numFiles"]);
        Assert.Equal(1, altered.Version);
        Assert.Equal(first.CreateTime, altered.CreateTime);

        var stale = Assert.Throws<ConcurrentModificationException>(() => Catalog.AlterPartition(second with { Parameters = new Dictionary<string, string> { ["x"] = "y" } }));
        Assert.Equal(ErrorCode.ConcurrentModification, stale.Code);
        Assert.Contains("version 0 was read, version 1 is current", stale.Message, StringComparison.Ordinal);
        Assert.Equal("3", Catalog.GetPartition("default", "orders", ["2024-01-01", "eu"])!.Parameters["numFiles"]);

        Assert.Throws<NotFoundException>(() => Catalog.AlterPartition(Part("2024-09-09", "eu")));
    }

    /// <summary>Bounds are generous (CI machines are shared); they catch per-partition round trips and quadratic work, not tuning.</summary>
    [Fact]
    public void NumberFiltersCompareValuesAsWholeNumbers()
    {
        var table = SampleTable("default", "hits") with { PartitionKeys = [new ColumnInfo("hr", "int"), new ColumnInfo("tag", "string")] };
        Catalog.CreateTable(table, ifNotExists: false);
        string[] hours = ["0", "07", "7", "+8", "-3", "10", "99", "9223372036854775807", "x7", "__HIVE_DEFAULT_PARTITION__"];
        Catalog.AddPartitions("default", "hits", [.. hours.Select(h => new PartitionInfo("default", "hits", [h, "a"]))], ifNotExists: false);

        string[] Hours(params PartitionNumberFilter[] numbers) =>
            [.. Catalog.ListPartitions("default", "hits", new PartitionFilter([]) { Numbers = numbers }).Select(p => p.Values[0])];

        Assert.Equal(["07", "7"], Hours(new PartitionNumberFilter("HR", 7, 7)));
        Assert.Equal(["+8", "10", "9223372036854775807", "99"], Hours(new PartitionNumberFilter("hr", 8, null)));
        Assert.Equal(["-3", "0"], Hours(new PartitionNumberFilter("hr", null, 0)));
        Assert.Equal(["+8", "07", "7"], Hours(new PartitionNumberFilter("hr", 5, 9)));
        Assert.Equal(["-3", "10"], Hours(new PartitionNumberFilter("hr", null, null, [10, -3, 42])));
        Assert.Equal(["10"], Hours(new PartitionNumberFilter("hr", null, null, [10, -3]), new PartitionNumberFilter("hr", 0, null)));
        Assert.Empty(Hours(new PartitionNumberFilter("hr", 9, 8)));
        Assert.Empty(Hours(new PartitionNumberFilter("hr", null, null, [])));
        Assert.Equal(10, Catalog.ListPartitions("default", "hits", new PartitionFilter([]) { Numbers = [] }).Count);

        // Together with a value filter; a number filter on a string key reads its values as numbers too.
        Catalog.AddPartitions("default", "hits", [new PartitionInfo("default", "hits", ["7", "12"])], ifNotExists: false);
        var both = Catalog.ListPartitions("default", "hits", new PartitionFilter([new PartitionKeyFilter("hr", ["7", "07"])])
        {
            Numbers = [new PartitionNumberFilter("tag", 12, 12)],
        });
        Assert.Equal(["7", "12"], Assert.Single(both).Values);
        Assert.Throws<NotFoundException>(() => Hours(new PartitionNumberFilter("nokey", 1, 1)));
    }

    [Fact]
    public void CountingPartitions()
    {
        Catalog.CreateTable(SampleTable("default", "orders"), ifNotExists: false);
        Assert.Equal(0, Catalog.CountPartitions("default", "orders"));
        Catalog.AddPartitions("default", "orders", [Part("2024-01-01", "eu"), Part("2024-01-01", "us"), Part("2024-01-02", "eu")], ifNotExists: false);
        Assert.Equal(3, Catalog.CountPartitions("DEFAULT", "Orders"));
        Catalog.DropPartitions("default", "orders", [["2024-01-01", "us"]], ifExists: false);
        Assert.Equal(2, Catalog.CountPartitions("default", "orders"));
        Assert.Throws<NotFoundException>(() => Catalog.CountPartitions("default", "missing"));
    }

    [Fact]
    public void RenamingAPartitionKeepsItsStorageParametersAndStatistics()
    {
        var table = SampleTable("default", "hits") with { PartitionKeys = [new ColumnInfo("ds", "string"), new ColumnInfo("hr", "int")] };
        Catalog.CreateTable(table, ifNotExists: false);
        Catalog.AddPartitions("default", "hits",
        [
            new PartitionInfo("default", "hits", ["2024-01-01", "1"]) { Parameters = new Dictionary<string, string> { ["numRows"] = "5" } },
            new PartitionInfo("default", "hits", ["2024-01-01", "2"]),
        ], ifNotExists: false);
        Catalog.UpdateColumnStatistics("default", "hits", ["2024-01-01", "1"], [new ColumnStatistics("o_orderkey", "bigint") { NumNulls = 3 }]);
        var before = Catalog.GetPartition("default", "hits", ["2024-01-01", "1"])!;

        Catalog.RenamePartition("DEFAULT", "Hits", ["2024-01-01", "1"], ["2024-02-01", "09"]);

        Assert.Null(Catalog.GetPartition("default", "hits", ["2024-01-01", "1"]));
        var after = Catalog.GetPartition("default", "hits", ["2024-02-01", "09"])!;
        Assert.Equal(before.Storage!.Location, after.Storage!.Location);
        CatalogAssert.Equal(before.Parameters, after.Parameters);
        Assert.Equal(before.CreateTime, after.CreateTime);
        Assert.Equal(3, Assert.Single(Catalog.GetColumnStatistics("default", "hits", ["2024-02-01", "09"])).NumNulls);
        Assert.Equal(["ds=2024-01-01/hr=2", "ds=2024-02-01/hr=09"], Catalog.ListPartitionNames("default", "hits"));
        var byNumber = Catalog.ListPartitions("default", "hits", new PartitionFilter([]) { Numbers = [new PartitionNumberFilter("hr", 9, 9)] });
        Assert.Equal(["2024-02-01", "09"], Assert.Single(byNumber).Values);
        Assert.Empty(Catalog.ListPartitions("default", "hits", new PartitionFilter([]) { Numbers = [new PartitionNumberFilter("hr", 1, 1)] }));
        Assert.Empty(Catalog.ListPartitions("default", "hits", new PartitionFilter([new PartitionKeyFilter("ds", ["2024-01-01"]), new PartitionKeyFilter("hr", ["1"])])));

        var exists = Assert.Throws<SemanticException>(() => Catalog.RenamePartition("default", "hits", ["2024-02-01", "09"], ["2024-01-01", "2"]));
        Assert.Equal(ErrorCode.AlreadyExists, exists.Code);
        Assert.Equal("Partition 'ds=2024-01-01/hr=2' of table 'default.hits' already exists", exists.Message);
        var missing = Assert.Throws<NotFoundException>(() => Catalog.RenamePartition("default", "hits", ["2024-01-01", "1"], ["2024-03-01", "1"]));
        Assert.Equal("Partition 'ds=2024-01-01/hr=1' of table 'default.hits' does not exist", missing.Message);
        Assert.Throws<SemanticException>(() => Catalog.RenamePartition("default", "hits", ["2024-02-01", "09"], ["2024-03-01"]));
        Assert.Equal(2, Catalog.CountPartitions("default", "hits"));
    }

    [Fact]
    public void ManyPartitionsAddListAndFilterQuickly()
    {
        const int Days = 400;
        const int Regions = 25;
        Catalog.CreateTable(SampleTable("default", "events"), ifNotExists: false);
        var parts = new List<PartitionInfo>(Days * Regions);
        var start = new DateOnly(2020, 1, 1);
        for (var d = 0; d < Days; d++)
        {
            for (var r = 0; r < Regions; r++) parts.Add(Part(start.AddDays(d).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), $"r{r:00}", "default", "events"));
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(Days * Regions, Catalog.AddPartitions("default", "events", parts, ifNotExists: false));
        var added = clock.Elapsed;

        clock.Restart();
        var one = Catalog.ListPartitions("default", "events", new PartitionFilter([new PartitionKeyFilter("ds", ["2020-06-01"]), new PartitionKeyFilter("region", ["r07"])]));
        var filtered = clock.Elapsed;
        Assert.Single(one);
        Assert.Equal("/lake/default/events/ds=2020-06-01/region=r07", one[0].Storage!.Location);

        clock.Restart();
        Assert.Equal(Days * Regions, Catalog.ListPartitions("default", "events").Count);
        var listed = clock.Elapsed;

        Assert.True(added < TimeSpan.FromSeconds(60), $"adding {Days * Regions} partitions took {added}");
        Assert.True(filtered < TimeSpan.FromSeconds(5), $"a filtered listing took {filtered}");
        Assert.True(listed < TimeSpan.FromSeconds(30), $"listing {Days * Regions} partitions took {listed}");
    }

    private static PartitionInfo Part(string ds, string region, string database = "default", string table = "orders") =>
        new(database, table, [ds, region]);
}
