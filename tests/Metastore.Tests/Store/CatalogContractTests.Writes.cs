using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using Xunit;

namespace QueryEngine.Metastore.Tests.Store;

/// <summary>CommitWrite: table, partitions, statistics and query id in one all-or-nothing commit; retries and races.</summary>
public abstract partial class CatalogContractTests
{
    private static ColumnStatistics KeyStatistics(long high) => new("o_orderkey", "bigint") { NumNulls = 0, NumDistinct = high, LongLow = 1, LongHigh = high };

    [Fact]
    public void CommitWriteCreatesTableWithPartitionsAndStatisticsAtOnce()
    {
        var table = SampleTable("default", "orders");
        var applied = Catalog.CommitWrite(new TableWriteCommit(table, CreatesTable: true, "q1")
        {
            NewPartitions = [new PartitionInfo("default", "orders", ["2024-01-01", "eu"]), new PartitionInfo("default", "orders", ["2024-01-01", PartitionNames.DefaultPartitionName])],
            Statistics = [KeyStatistics(10)],
            SetParameters = new Dictionary<string, string> { ["numRows"] = "10" },
        });

        Assert.True(applied);
        var stored = Catalog.GetTable("default", "orders")!;
        Assert.Equal("10", stored.Parameters["numRows"]);
        Assert.Equal("csv", stored.Parameters["classification"]);
        Assert.True(TableWriteCommit.IsCommitted(stored, "q1"));
        Assert.Equal(["ds=2024-01-01/region=__HIVE_DEFAULT_PARTITION__", "ds=2024-01-01/region=eu"], Catalog.ListPartitionNames("default", "orders"));
        Assert.Equal("/lake/default/orders/ds=2024-01-01/region=eu", Catalog.GetPartition("default", "orders", ["2024-01-01", "eu"])!.Storage!.Location);
        Assert.Equal(10, Assert.Single(Catalog.GetColumnStatistics("default", "orders", null)).LongHigh);
    }

    [Fact]
    public void CommitWriteOfAnExistingTableFailsAndChangesNothing()
    {
        Catalog.CreateTable(SampleTable("default", "orders"), ifNotExists: false);
        var error = Assert.Throws<SemanticException>(() => Catalog.CommitWrite(new TableWriteCommit(SampleTable("default", "orders"), CreatesTable: true, "q1")
        {
            NewPartitions = [new PartitionInfo("default", "orders", ["d", "eu"])],
        }));
        Assert.Equal(ErrorCode.AlreadyExists, error.Code);
        Assert.Empty(Catalog.ListPartitionNames("default", "orders"));
        Assert.False(TableWriteCommit.IsCommitted(Catalog.GetTable("default", "orders")!, "q1"));
    }

    [Fact]
    public void CommitWriteAppendsOnceAndChecksTheVersionRead()
    {
        Catalog.CommitWrite(new TableWriteCommit(SampleTable("default", "orders"), CreatesTable: true, "q1")
        {
            NewPartitions = [new PartitionInfo("default", "orders", ["d1", "eu"])],
        });
        var read = Catalog.GetTable("default", "orders")!;
        var append = new TableWriteCommit(read, CreatesTable: false, "q2")
        {
            // An existing partition is skipped, a new one added.
            NewPartitions = [new PartitionInfo("default", "orders", ["d1", "eu"]), new PartitionInfo("default", "orders", ["d2", "eu"])],
            Statistics = [KeyStatistics(20)],
            SetParameters = new Dictionary<string, string> { ["numRows"] = "20" },
        };
        Assert.True(Catalog.CommitWrite(append));
        var after = Catalog.GetTable("default", "orders")!;
        Assert.Equal(read.Version + 1, after.Version);
        Assert.Equal("20", after.Parameters["numRows"]);
        Assert.Equal(read.Comment, after.Comment);
        Assert.Equal(["ds=d1/region=eu", "ds=d2/region=eu"], Catalog.ListPartitionNames("default", "orders"));

        // The same query id again: nothing happens.
        Assert.False(Catalog.CommitWrite(append with { NewPartitions = [new PartitionInfo("default", "orders", ["d3", "eu"])] }));
        Assert.Equal(2, Catalog.ListPartitionNames("default", "orders").Count);
        Assert.Equal(after.Version, Catalog.GetTable("default", "orders")!.Version);

        // Another id with the stale version read before q2: refused, nothing changes.
        Assert.Throws<ConcurrentModificationException>(() => Catalog.CommitWrite(new TableWriteCommit(read, CreatesTable: false, "q3")
        {
            NewPartitions = [new PartitionInfo("default", "orders", ["d4", "eu"])],
        }));
        Assert.Equal(2, Catalog.ListPartitionNames("default", "orders").Count);
        Assert.False(TableWriteCommit.IsCommitted(Catalog.GetTable("default", "orders")!, "q3"));
    }

    [Fact]
    public void CommitWriteRemembersTheLastQueryIds()
    {
        Catalog.CommitWrite(new TableWriteCommit(SampleTable("default", "t"), CreatesTable: true, "q0"));
        for (var i = 1; i <= TableWriteCommit.RememberedQueryIds + 1; i++)
        {
            Catalog.CommitWrite(new TableWriteCommit(Catalog.GetTable("default", "t")!, CreatesTable: false, $"q{i}"));
        }
        var table = Catalog.GetTable("default", "t")!;
        Assert.False(TableWriteCommit.IsCommitted(table, "q0"));
        Assert.False(TableWriteCommit.IsCommitted(table, "q1"));
        Assert.True(TableWriteCommit.IsCommitted(table, "q2"));
        Assert.True(TableWriteCommit.IsCommitted(table, $"q{TableWriteCommit.RememberedQueryIds + 1}"));
    }
}
