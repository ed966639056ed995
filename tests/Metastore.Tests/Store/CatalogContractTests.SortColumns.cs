using QueryEngine.Engine.Catalog;
using Xunit;

namespace QueryEngine.Metastore.Tests.Store;

/// <summary>Sort columns of a table's storage descriptor (Hive's <c>sortCols</c>): kept in order with their direction.</summary>
public abstract partial class CatalogContractTests
{
    [Fact]
    public void SortColumnsRoundTripInOrderWithTheirDirectionAndFollowAlterations()
    {
        var sample = SampleTable("default", "sorted");
        SortColumnInfo[] sortColumns = [new("o_orderdate", Ascending: false), new("o_orderkey"), new("o_totalprice", Ascending: false)];
        var table = sample with { Storage = sample.Storage with { BucketColumns = ["o_orderkey"], BucketCount = 8, SortColumns = sortColumns } };
        Catalog.CreateTable(table, ifNotExists: false);
        var stored = Catalog.GetTable("default", "sorted")!;
        CatalogAssert.Equal(table, stored);
        Assert.Equal(sortColumns, stored.Storage.SortColumns);

        // Altering something else keeps them; replacing them replaces them; an empty list removes them.
        Catalog.AlterTable("default", "sorted", stored with { Parameters = new Dictionary<string, string>(stored.Parameters) { ["k"] = "v" } });
        var altered = Catalog.GetTable("default", "sorted")!;
        Assert.Equal(sortColumns, altered.Storage.SortColumns);
        Catalog.AlterTable("default", "sorted", altered with { Storage = altered.Storage with { SortColumns = [new("o_orderkey", Ascending: false)] } });
        var resorted = Catalog.GetTable("default", "sorted")!;
        Assert.Equal([new SortColumnInfo("o_orderkey", Ascending: false)], resorted.Storage.SortColumns);
        Assert.Equal(["o_orderkey"], resorted.Storage.BucketColumns);
        Catalog.AlterTable("default", "sorted", resorted with { Storage = resorted.Storage with { SortColumns = [] } });
        Assert.Empty(Catalog.GetTable("default", "sorted")!.Storage.SortColumns);

        // Dropping the table drops its sort columns; the name is reusable with its own.
        Catalog.DropTable("default", "sorted", ifExists: false);
        Catalog.CreateTable(table with { Storage = table.Storage with { SortColumns = [new("o_totalprice")] } }, ifNotExists: false);
        Assert.Equal([new SortColumnInfo("o_totalprice")], Catalog.GetTable("default", "sorted")!.Storage.SortColumns);
    }

    [Fact]
    public void SortColumnsOfOneTableDoNotLeakIntoAnother()
    {
        var sample = SampleTable("default", "a");
        Catalog.CreateTable(sample with { Storage = sample.Storage with { SortColumns = [new("o_orderkey", Ascending: false)] } }, ifNotExists: false);
        Catalog.CreateTable(SampleTable("default", "b"), ifNotExists: false);
        Catalog.AddPartitions("default", "a", [new PartitionInfo("default", "a", ["2024-01-01", "eu"])], ifNotExists: false);

        Assert.Empty(Catalog.GetTable("default", "b")!.Storage.SortColumns);
        Assert.Equal([new SortColumnInfo("o_orderkey", Ascending: false)], Catalog.GetTable("default", "a")!.Storage.SortColumns);
    }
}
