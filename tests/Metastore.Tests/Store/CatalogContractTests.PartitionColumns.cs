using QueryEngine.Engine.Catalog;
using Xunit;

namespace QueryEngine.Metastore.Tests.Store;

/// <summary>Partitions keep their own columns: those they were added with, or the table's before it changed.</summary>
public abstract partial class CatalogContractTests
{
    [Fact]
    public void PartitionsKeepTheColumnsTheyHadWhenTheTableGainsColumns()
    {
        Catalog.CreateTable(SampleTable("default", "orders"), ifNotExists: false);
        var original = Catalog.GetTable("default", "orders")!;
        Catalog.AddPartitions("default", "orders", [new PartitionInfo("default", "orders", ["1", "eu"]), new PartitionInfo("default", "orders", ["2", "eu"])], ifNotExists: false);
        Assert.All(Catalog.ListPartitions("default", "orders"), p => Assert.Null(p.Columns));

        ColumnInfo[] grown = [.. original.Columns, new ColumnInfo("o_note", "string", "added later")];
        Catalog.AlterTable("default", "orders", original with { Columns = grown });
        Catalog.AddPartitions("default", "orders", [new PartitionInfo("default", "orders", ["3", "eu"])], ifNotExists: false);
        ColumnInfo[] own = [new ColumnInfo("o_orderkey", "bigint"), new ColumnInfo("o_extra", "int")];
        Catalog.AddPartitions("default", "orders", [new PartitionInfo("default", "orders", ["4", "eu"]) { Columns = own }], ifNotExists: false);

        CatalogAssert.Equal(original with { Columns = grown, Version = 1 }, Catalog.GetTable("default", "orders"));
        var partitions = Catalog.ListPartitions("default", "orders");
        Assert.Equal(["1", "2", "3", "4"], partitions.Select(p => p.Values[0]));
        Assert.Equal(original.Columns, partitions[0].Columns);
        Assert.Equal(original.Columns, partitions[1].Columns);
        Assert.Null(partitions[2].Columns);
        Assert.Equal(own, partitions[3].Columns);
        Assert.Equal(original.Columns, Catalog.GetPartition("default", "orders", ["1", "eu"])!.Columns);

        // A second change leaves them as they were; dropping partitions and the table leaves nothing behind.
        Catalog.AlterTable("default", "orders", Catalog.GetTable("default", "orders")! with { Columns = [.. grown, new ColumnInfo("o_more", "int")] });
        Assert.Equal(original.Columns, Catalog.GetPartition("default", "orders", ["2", "eu"])!.Columns);
        Assert.Equal(grown, Catalog.GetPartition("default", "orders", ["3", "eu"])!.Columns);
        Catalog.DropTable("default", "orders", ifExists: false);
        Catalog.CreateTable(SampleTable("default", "orders"), ifNotExists: false);
        Assert.Empty(Catalog.ListPartitions("default", "orders"));
    }

    [Fact]
    public void AlterPartitionReplacesItsColumns()
    {
        Catalog.CreateTable(SampleTable("default", "orders"), ifNotExists: false);
        Catalog.AddPartitions("default", "orders", [new PartitionInfo("default", "orders", ["1", "eu"]), new PartitionInfo("default", "orders", ["2", "eu"])], ifNotExists: false);
        ColumnInfo[] own = [new ColumnInfo("o_orderkey", "string"), new ColumnInfo("o_note", "string", "older")];

        Catalog.AlterPartition(Catalog.GetPartition("default", "orders", ["1", "eu"])! with { Columns = own });
        Assert.Equal(own, Catalog.GetPartition("default", "orders", ["1", "eu"])!.Columns);
        Assert.Null(Catalog.GetPartition("default", "orders", ["2", "eu"])!.Columns);

        // Altering something else keeps them; altering them back to null gives the table's.
        Catalog.AlterPartition(Catalog.GetPartition("default", "orders", ["1", "eu"])! with { Parameters = new Dictionary<string, string> { ["k"] = "v" } });
        var kept = Catalog.GetPartition("default", "orders", ["1", "eu"])!;
        Assert.Equal(own, kept.Columns);
        Assert.Equal(("v", 2L), (kept.Parameters["k"], kept.Version));
        Assert.Equal(own, Catalog.ListPartitions("default", "orders")[0].Columns);
        Catalog.AlterPartition(kept with { Columns = null });
        Assert.All(Catalog.ListPartitions("default", "orders"), p => Assert.Null(p.Columns));
        Catalog.DropTable("default", "orders", ifExists: false);
        Catalog.CreateTable(SampleTable("default", "orders"), ifNotExists: false);
        Assert.Empty(Catalog.ListPartitions("default", "orders"));
    }
}
