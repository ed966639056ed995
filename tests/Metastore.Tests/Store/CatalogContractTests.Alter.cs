using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using Xunit;

namespace QueryEngine.Metastore.Tests.Store;

/// <summary>Table alteration (location, properties, columns, rename) with optimistic concurrency, and column statistics.</summary>
public abstract partial class CatalogContractTests
{
    [Fact]
    public void AlteringATableReplacesItsDefinitionAndBumpsTheVersion()
    {
        Catalog.CreateTable(SampleTable("default", "orders"), ifNotExists: false);
        var read = Catalog.GetTable("default", "orders")!;
        Assert.Equal(0, read.Version);

        var parameters = new Dictionary<string, string>(read.Parameters) { ["classification"] = "parquet", ["new"] = "1" };
        parameters.Remove("skip.header.line.count");
        var updated = read with
        {
            Columns = [.. read.Columns, new ColumnInfo("o_note", "string", "added")],
            Storage = read.Storage with { Location = "/lake/moved/", SerdeParameters = new Dictionary<string, string> { ["field.delim"] = "," } },
            Parameters = parameters,
            Comment = "changed",
        };
        Catalog.AlterTable("default", "orders", updated);

        var after = Catalog.GetTable("default", "orders");
        CatalogAssert.Equal(updated, after);
        Assert.Equal(1, after!.Version);
        Assert.Equal(read.CreateTime, after.CreateTime);
    }

    [Fact]
    public void AStaleTableUpdateFailsAndChangesNothing()
    {
        Catalog.CreateTable(SampleTable("default", "orders"), ifNotExists: false);
        var mine = Catalog.GetTable("default", "orders")!;
        var theirs = Catalog.GetTable("default", "orders")!;

        Catalog.AlterTable("default", "orders", theirs with { Storage = theirs.Storage with { Location = "/theirs/" } });
        var error = Assert.Throws<ConcurrentModificationException>(() =>
            Catalog.AlterTable("default", "orders", mine with { Storage = mine.Storage with { Location = "/mine/" } }));
        Assert.Equal(ErrorCode.ConcurrentModification, error.Code);
        Assert.Equal("Table 'default.orders' was changed by another writer (version 0 was read, version 1 is current); the update was not applied", error.Message);
        Assert.Equal("/theirs/", Catalog.GetTable("default", "orders")!.Storage.Location);
    }

    [Fact]
    public void ConcurrentAlterationsLoseNoUpdate()
    {
        Catalog.CreateTable(SampleTable("default", "counter") with { Parameters = new Dictionary<string, string> { ["n"] = "0" } }, ifNotExists: false);
        const int Threads = 4;
        const int Increments = 10;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var workers = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            try
            {
                for (var i = 0; i < Increments; i++)
                {
                    while (true)
                    {
                        var table = Catalog.GetTable("default", "counter")!;
                        var n = int.Parse(table.Parameters["n"], System.Globalization.CultureInfo.InvariantCulture);
                        try
                        {
                            Catalog.AlterTable("default", "counter", table with { Parameters = new Dictionary<string, string> { ["n"] = (n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) } });
                            break;
                        }
                        catch (ConcurrentModificationException)
                        {
                        }
                    }
                }
            }
            catch (Exception ex)
            {
                failures.Enqueue(ex);
            }
        })).ToArray();
        foreach (var w in workers) w.Start();
        foreach (var w in workers) w.Join();

        Assert.Empty(failures);
        var final = Catalog.GetTable("default", "counter")!;
        Assert.Equal((Threads * Increments).ToString(System.Globalization.CultureInfo.InvariantCulture), final.Parameters["n"]);
        Assert.Equal(Threads * Increments, final.Version);
    }

    [Fact]
    public void RenamingATableKeepsItsPartitionsAndStatistics()
    {
        Catalog.CreateDatabase(new DatabaseInfo("archive"), ifNotExists: false);
        Catalog.CreateTable(SampleTable("default", "orders"), ifNotExists: false);
        Catalog.CreateTable(SampleTable("default", "taken"), ifNotExists: false);
        Catalog.AddPartitions("default", "orders", [new PartitionInfo("default", "orders", ["2024-01-01", "eu"])], ifNotExists: false);
        Catalog.UpdateColumnStatistics("default", "orders", null, [new ColumnStatistics("o_orderkey", "bigint") { NumNulls = 0, LongLow = 1, LongHigh = 9 }]);
        var table = Catalog.GetTable("default", "orders")!;

        var taken = Assert.Throws<SemanticException>(() => Catalog.AlterTable("default", "orders", table with { Name = "taken" }));
        Assert.Equal(ErrorCode.AlreadyExists, taken.Code);
        Assert.Throws<NotFoundException>(() => Catalog.AlterTable("default", "orders", table with { Database = "nowhere" }));

        Catalog.AlterTable("default", "orders", table with { Database = "Archive", Name = "Orders_2024" });
        Assert.Null(Catalog.GetTable("default", "orders"));
        Assert.Equal(["orders_2024"], Catalog.ListTables("archive"));
        var moved = Catalog.ListPartitions("archive", "orders_2024");
        Assert.Single(moved);
        Assert.Equal("archive", moved[0].Database);
        Assert.Equal("orders_2024", moved[0].Table);
        Assert.Equal(9, Catalog.GetColumnStatistics("archive", "orders_2024", null).Single().LongHigh);
    }

    [Fact]
    public void PartitionKeysCannotChangeAndMissingTablesCannotBeAltered()
    {
        Catalog.CreateTable(SampleTable("default", "orders"), ifNotExists: false);
        var table = Catalog.GetTable("default", "orders")!;
        var error = Assert.Throws<SemanticException>(() => Catalog.AlterTable("default", "orders", table with { PartitionKeys = [new ColumnInfo("ds", "string")] }));
        Assert.Equal("Cannot change the partition keys of table 'default.orders'", error.Message);
        Assert.Throws<NotFoundException>(() => Catalog.AlterTable("default", "missing", table));
    }

    [Fact]
    public void ColumnStatisticsRoundTripAndFollowColumnChanges()
    {
        Catalog.CreateTable(SampleTable("default", "orders"), ifNotExists: false);
        Catalog.AddPartitions("default", "orders", [new PartitionInfo("default", "orders", ["2024-01-01", "eu"])], ifNotExists: false);
        var key = new ColumnStatistics("O_ORDERKEY", "bigint") { NumNulls = 0, NumDistinct = 1500, LongLow = 1, LongHigh = 6000000, LastAnalyzed = new DateTimeOffset(2025, 1, 1, 0, 0, 0, 500, TimeSpan.Zero) };
        var price = new ColumnStatistics("o_totalprice", "decimal(15,2)") { NumNulls = 3, DecimalLow = "857.71", DecimalHigh = "555285.16", DoubleLow = 857.71, DoubleHigh = 555285.16 };
        var date = new ColumnStatistics("o_orderdate", "date") { NumNulls = 0, LongLow = 8035, LongHigh = 10440, NumDistinct = 2406 };
        Catalog.UpdateColumnStatistics("default", "orders", null, [key, price, date]);
        Catalog.UpdateColumnStatistics("default", "orders", ["2024-01-01", "eu"], [new ColumnStatistics("o_orderkey", "bigint") { NumNulls = 7, MaxLength = 8, AverageLength = 7.5, NumTrues = 1, NumFalses = 2 }]);

        var all = Catalog.GetColumnStatistics("default", "orders", null);
        Assert.Equal(["o_orderkey", "o_totalprice", "o_orderdate"], all.Select(s => s.Column));
        Assert.Equal(key with { Column = "o_orderkey", LastAnalyzed = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero) }, all[0]);
        Assert.Equal(price, all[1]);
        Assert.Equal(date, all[2]);
        Assert.Equal([price], Catalog.GetColumnStatistics("default", "orders", null, ["O_TotalPrice", "o_tags"]));
        var partition = Catalog.GetColumnStatistics("default", "orders", ["2024-01-01", "eu"]).Single();
        Assert.Equal(new ColumnStatistics("o_orderkey", "bigint") { NumNulls = 7, MaxLength = 8, AverageLength = 7.5, NumTrues = 1, NumFalses = 2 }, partition);

        Catalog.UpdateColumnStatistics("default", "orders", null, [price with { NumNulls = 4 }]);
        Assert.Equal(4, Catalog.GetColumnStatistics("default", "orders", null, ["o_totalprice"]).Single().NumNulls);

        var missing = Assert.Throws<NotFoundException>(() => Catalog.UpdateColumnStatistics("default", "orders", null, [new ColumnStatistics("nope", "int")]));
        Assert.Equal("Column 'nope' does not exist in table 'default.orders'", missing.Message);
        Assert.Throws<NotFoundException>(() => Catalog.GetColumnStatistics("default", "orders", ["2030-01-01", "eu"]));

        // Dropping o_totalprice and retyping o_orderdate makes their statistics stale; o_orderkey's stay.
        var table = Catalog.GetTable("default", "orders")!;
        Catalog.AlterTable("default", "orders", table with { Columns = [table.Columns[0], table.Columns[2] with { HiveType = "string" }, table.Columns[3]] });
        Assert.Equal(["o_orderkey"], Catalog.GetColumnStatistics("default", "orders", null).Select(s => s.Column));
        Assert.Single(Catalog.GetColumnStatistics("default", "orders", ["2024-01-01", "eu"]));

        Assert.Equal(1, Catalog.DeleteColumnStatistics("default", "orders", ["2024-01-01", "eu"], "O_ORDERKEY"));
        Assert.Equal(0, Catalog.DeleteColumnStatistics("default", "orders", ["2024-01-01", "eu"]));
        Assert.Equal(1, Catalog.DeleteColumnStatistics("default", "orders", null));
        Assert.Empty(Catalog.GetColumnStatistics("default", "orders", null));
    }
}
