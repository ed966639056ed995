using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using Xunit;

namespace QueryEngine.Metastore.Tests.Store;

/// <summary>
/// The behaviour every <see cref="ICatalog"/> must have. Each implementation runs all of these facts
/// through a subclass that supplies a fresh, empty catalog per test.
/// </summary>
public abstract partial class CatalogContractTests : IDisposable
{
    protected abstract ICatalog Catalog { get; }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    [Fact]
    public void NewCatalogHasOnlyTheDefaultDatabase()
    {
        Assert.Equal(["default"], Catalog.ListDatabases());
        var database = Catalog.GetDatabase("DEFAULT");
        Assert.NotNull(database);
        Assert.Equal("default", database.Name);
        Assert.Empty(Catalog.ListTables("default"));
    }

    [Fact]
    public void DatabasesRoundTripWithEveryField()
    {
        var sales = new DatabaseInfo("Sales", "All sales data", "/lake/sales")
        {
            Owner = "alice",
            Parameters = new Dictionary<string, string> { ["team"] = "finance", ["empty"] = string.Empty, ["unicode"] = "ünï ✓" },
        };
        Catalog.CreateDatabase(sales, ifNotExists: false);
        Catalog.CreateDatabase(new DatabaseInfo("bare"), ifNotExists: false);

        CatalogAssert.Equal(sales with { Name = "sales" }, Catalog.GetDatabase("SALES"));
        CatalogAssert.Equal(new DatabaseInfo("bare"), Catalog.GetDatabase("bare"));
        Assert.Equal(["bare", "default", "sales"], Catalog.ListDatabases());
        Assert.Null(Catalog.GetDatabase("missing"));
    }

    [Fact]
    public void AlteringADatabaseReplacesItsDescriptionLocationParametersAndOwner()
    {
        Catalog.CreateDatabase(new DatabaseInfo("sales", "old", "/old") { Parameters = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }, Owner = "ann" }, ifNotExists: false);
        var altered = new DatabaseInfo("SALES", "new", "/new") { Parameters = new Dictionary<string, string> { ["b"] = "3", ["c"] = "4" } };

        Catalog.AlterDatabase(altered);

        CatalogAssert.Equal(altered with { Name = "sales" }, Catalog.GetDatabase("sales"));
        var error = Assert.Throws<NotFoundException>(() => Catalog.AlterDatabase(new DatabaseInfo("nope")));
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreatingAnExistingDatabaseFailsUnlessIfNotExists()
    {
        Catalog.CreateDatabase(new DatabaseInfo("sales", "first"), ifNotExists: false);

        var error = Assert.Throws<SemanticException>(() => Catalog.CreateDatabase(new DatabaseInfo("SALES", "second"), ifNotExists: false));
        Assert.Equal(ErrorCode.AlreadyExists, error.Code);
        Assert.Equal("Schema 'sales' already exists", error.Message);

        Catalog.CreateDatabase(new DatabaseInfo("Sales", "second"), ifNotExists: true);
        Assert.Equal("first", Catalog.GetDatabase("sales")!.Description);
        Assert.Throws<SemanticException>(() => Catalog.CreateDatabase(new DatabaseInfo("default"), ifNotExists: false));
    }

    [Fact]
    public void DroppingAMissingDatabaseFailsUnlessIfExists()
    {
        var error = Assert.Throws<NotFoundException>(() => Catalog.DropDatabase("Nope", ifExists: false, cascade: false));
        Assert.Equal(ErrorCode.SchemaNotFound, error.Code);
        Assert.Equal("Schema 'nope' does not exist", error.Message);

        Catalog.DropDatabase("nope", ifExists: true, cascade: true);
        Assert.Equal(["default"], Catalog.ListDatabases());
    }

    [Fact]
    public void DroppingANonEmptyDatabaseNeedsCascade()
    {
        Catalog.CreateDatabase(new DatabaseInfo("sales"), ifNotExists: false);
        Catalog.CreateTable(SampleTable("sales", "orders"), ifNotExists: false);
        Catalog.CreateTable(SampleView("sales", "recent"), ifNotExists: false);

        var error = Assert.Throws<SemanticException>(() => Catalog.DropDatabase("sales", ifExists: false, cascade: false));
        Assert.Equal("Cannot drop non-empty schema 'sales'", error.Message);
        Assert.Equal(["orders", "recent"], Catalog.ListTables("sales"));

        Catalog.DropDatabase("SALES", ifExists: false, cascade: true);
        Assert.Null(Catalog.GetDatabase("sales"));
        Assert.Null(Catalog.GetTable("sales", "orders"));

        Catalog.CreateDatabase(new DatabaseInfo("sales"), ifNotExists: false);
        Assert.Empty(Catalog.ListTables("sales"));
    }

    [Fact]
    public void DroppingAnEmptyDatabaseNeedsNoCascade()
    {
        Catalog.CreateDatabase(new DatabaseInfo("scratch"), ifNotExists: false);
        Catalog.DropDatabase("scratch", ifExists: false, cascade: false);
        Assert.Equal(["default"], Catalog.ListDatabases());
    }

    [Fact]
    public void TheDefaultDatabaseCannotBeDropped()
    {
        var error = Assert.Throws<SemanticException>(() => Catalog.DropDatabase("Default", ifExists: true, cascade: true));
        Assert.Contains("default", error.Message, StringComparison.Ordinal);
        Assert.NotNull(Catalog.GetDatabase("default"));
    }

    [Fact]
    public void ExternalTablesRoundTripWithEveryField()
    {
        var table = SampleTable("default", "orders");
        Catalog.CreateTable(table, ifNotExists: false);

        CatalogAssert.Equal(table, Catalog.GetTable("default", "orders"));
        Assert.Equal(["orders"], Catalog.ListTables("default"));
    }

    [Fact]
    public void BucketColumnsAndCountRoundTripAndFollowAlterations()
    {
        var sample = SampleTable("default", "bucketed");
        var table = sample with { Storage = sample.Storage with { BucketColumns = ["o_orderkey", "o_orderdate"], BucketCount = 16 } };
        Catalog.CreateTable(table, ifNotExists: false);
        var stored = Catalog.GetTable("default", "bucketed");
        CatalogAssert.Equal(table, stored);

        // Re-bucketing and then un-bucketing through AlterTable.
        var rebucketed = stored! with { Storage = stored.Storage with { BucketColumns = ["o_orderdate"], BucketCount = 4 } };
        Catalog.AlterTable("default", "bucketed", rebucketed);
        var after = Catalog.GetTable("default", "bucketed")!;
        Assert.Equal(["o_orderdate"], after.Storage.BucketColumns);
        Assert.Equal(4, after.Storage.BucketCount);
        Catalog.AlterTable("default", "bucketed", after with { Storage = after.Storage with { BucketColumns = [], BucketCount = 0 } });
        var plain = Catalog.GetTable("default", "bucketed")!;
        Assert.Empty(plain.Storage.BucketColumns);
        Assert.Equal(0, plain.Storage.BucketCount);

        // Dropping the table drops its bucket columns with it; the name is reusable with other buckets.
        Catalog.DropTable("default", "bucketed", ifExists: false);
        Catalog.CreateTable(table, ifNotExists: false);
        CatalogAssert.Equal(table, Catalog.GetTable("default", "bucketed"));
    }

    [Fact]
    public void ViewsRoundTripWithTheirTexts()
    {
        var view = SampleView("default", "recent");
        Catalog.CreateTable(view, ifNotExists: false);

        CatalogAssert.Equal(view, Catalog.GetTable("default", "recent"));
    }

    [Fact]
    public void ManagedTablesWithoutLocationOrParametersRoundTrip()
    {
        var table = new TableInfo(
            "default",
            "plain",
            TableKind.Managed,
            [new ColumnInfo("id", "bigint")],
            new StorageInfo(null, StorageInfo.Formats.ParquetInput, StorageInfo.Formats.ParquetOutput, StorageInfo.Formats.ParquetSerde));
        Catalog.CreateTable(table, ifNotExists: false);

        CatalogAssert.Equal(table, Catalog.GetTable("default", "plain"));
    }

    [Fact]
    public void NamesAreCaseInsensitiveAndStoredLowerCase()
    {
        Catalog.CreateDatabase(new DatabaseInfo("Sales"), ifNotExists: false);
        var table = SampleTable("SALES", "Orders") with { Columns = [new ColumnInfo("OrderKey", "bigint")], PartitionKeys = [new ColumnInfo("DS", "string")] };
        Catalog.CreateTable(table, ifNotExists: false);

        var stored = Catalog.GetTable("sAlEs", "ORDERS");
        Assert.NotNull(stored);
        Assert.Equal("sales", stored.Database);
        Assert.Equal("orders", stored.Name);
        Assert.Equal("orderkey", stored.Columns[0].Name);
        Assert.Equal("ds", stored.PartitionKeys[0].Name);
        Assert.Equal(["orders"], Catalog.ListTables("Sales"));
    }

    [Fact]
    public void GettingAMissingTableReturnsNull()
    {
        Assert.Null(Catalog.GetTable("default", "missing"));
        Assert.Null(Catalog.GetTable("missing", "missing"));
    }

    [Fact]
    public void CreatingATableInAMissingDatabaseFails()
    {
        var error = Assert.Throws<NotFoundException>(() => Catalog.CreateTable(SampleTable("nope", "t"), ifNotExists: true));
        Assert.Equal(ErrorCode.SchemaNotFound, error.Code);
        Assert.Equal("Schema 'nope' does not exist", error.Message);
    }

    [Fact]
    public void CreatingAnExistingTableFailsUnlessIfNotExists()
    {
        var original = SampleTable("default", "orders");
        Catalog.CreateTable(original, ifNotExists: false);

        var replacement = original with { Name = "ORDERS", Columns = [new ColumnInfo("other", "int")] };
        var error = Assert.Throws<SemanticException>(() => Catalog.CreateTable(replacement, ifNotExists: false));
        Assert.Equal(ErrorCode.AlreadyExists, error.Code);
        Assert.Equal("Table 'default.orders' already exists", error.Message);

        Catalog.CreateTable(replacement, ifNotExists: true);
        CatalogAssert.Equal(original, Catalog.GetTable("default", "orders"));
    }

    [Fact]
    public void DroppingAMissingTableFailsUnlessIfExists()
    {
        var missingTable = Assert.Throws<NotFoundException>(() => Catalog.DropTable("default", "Nope", ifExists: false));
        Assert.Equal(ErrorCode.TableNotFound, missingTable.Code);
        Assert.Equal("Table 'default.nope' does not exist", missingTable.Message);

        var missingDatabase = Assert.Throws<NotFoundException>(() => Catalog.DropTable("nope", "t", ifExists: false));
        Assert.Equal(ErrorCode.SchemaNotFound, missingDatabase.Code);

        Catalog.DropTable("default", "nope", ifExists: true);
        Catalog.DropTable("nope", "nope", ifExists: true);
    }

    [Fact]
    public void DroppedTablesAreGoneAndTheirNameCanBeReused()
    {
        Catalog.CreateTable(SampleTable("default", "orders"), ifNotExists: false);
        Catalog.CreateTable(SampleTable("default", "keep"), ifNotExists: false);
        Catalog.DropTable("DEFAULT", "Orders", ifExists: false);

        Assert.Null(Catalog.GetTable("default", "orders"));
        Assert.Equal(["keep"], Catalog.ListTables("default"));

        var reborn = new TableInfo(
            "default",
            "orders",
            TableKind.External,
            [new ColumnInfo("only", "string")],
            new StorageInfo("/elsewhere", StorageInfo.Formats.TextInput, StorageInfo.Formats.TextOutput, StorageInfo.Formats.OpenCsvSerde));
        Catalog.CreateTable(reborn, ifNotExists: false);
        CatalogAssert.Equal(reborn, Catalog.GetTable("default", "orders"));
        CatalogAssert.Equal(SampleTable("default", "keep"), Catalog.GetTable("default", "keep"));
    }

    [Fact]
    public void ListingTablesOfAMissingDatabaseFails()
    {
        var error = Assert.Throws<NotFoundException>(() => Catalog.ListTables("nope"));
        Assert.Equal(ErrorCode.SchemaNotFound, error.Code);
    }

    [Fact]
    public void TablesAreListedInNameOrder()
    {
        foreach (var name in new[] { "zeta", "alpha", "Mid", "beta_2", "beta_10" }) Catalog.CreateTable(SampleTable("default", name), ifNotExists: false);
        Assert.Equal(["alpha", "beta_10", "beta_2", "mid", "zeta"], Catalog.ListTables("default"));
    }

    [Fact]
    public void DuplicateColumnNamesAreRejected()
    {
        var table = SampleTable("default", "t") with { Columns = [new ColumnInfo("a", "int"), new ColumnInfo("A", "string")] };
        var error = Assert.Throws<SemanticException>(() => Catalog.CreateTable(table, ifNotExists: false));
        Assert.Equal("Column name 'a' specified more than once", error.Message);

        var clash = SampleTable("default", "t") with { PartitionKeys = [new ColumnInfo("o_orderkey", "int")] };
        Assert.Throws<SemanticException>(() => Catalog.CreateTable(clash, ifNotExists: false));
        Assert.Empty(Catalog.ListTables("default"));
    }

    [Fact]
    public void EmptyNamesAreRejected()
    {
        Assert.Throws<SemanticException>(() => Catalog.CreateDatabase(new DatabaseInfo(" "), ifNotExists: false));
        Assert.Throws<SemanticException>(() => Catalog.CreateTable(SampleTable("default", ""), ifNotExists: false));
        Assert.Throws<SemanticException>(() => Catalog.CreateTable(SampleTable("default", "t") with { Columns = [new ColumnInfo("a", "")] }, ifNotExists: false));
    }

    [Fact]
    public void ACommentParameterIsTheTableComment()
    {
        var table = SampleTable("default", "t") with
        {
            Comment = null,
            Parameters = new Dictionary<string, string> { ["comment"] = "from tblproperties", ["other"] = "x" },
        };
        Catalog.CreateTable(table, ifNotExists: false);

        var stored = Catalog.GetTable("default", "t")!;
        Assert.Equal("from tblproperties", stored.Comment);
        CatalogAssert.Equal(new Dictionary<string, string> { ["other"] = "x" }, stored.Parameters);
    }

    [Fact]
    public void CreateTimeIsKeptInWholeSecondsUtc()
    {
        var created = new DateTimeOffset(2024, 2, 29, 23, 59, 58, 765, TimeSpan.FromHours(2));
        Catalog.CreateTable(SampleTable("default", "t") with { CreateTime = created }, ifNotExists: false);

        var stored = Catalog.GetTable("default", "t")!.CreateTime;
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 21, 59, 58, TimeSpan.Zero), stored);
        Assert.Equal(TimeSpan.Zero, stored.Offset);
    }

    [Fact]
    public void TheCatalogKeepsItsOwnCopies()
    {
        var parameters = new Dictionary<string, string> { ["a"] = "1" };
        var serde = new Dictionary<string, string> { ["field.delim"] = "|" };
        var columns = new List<ColumnInfo> { new("x", "int") };
        var table = SampleTable("default", "t") with
        {
            Columns = columns,
            Parameters = parameters,
            Storage = SampleTable("default", "t").Storage with { SerdeParameters = serde },
        };
        Catalog.CreateTable(table, ifNotExists: false);
        parameters["a"] = "changed";
        serde["field.delim"] = ",";
        columns.Add(new ColumnInfo("y", "int"));

        var stored = Catalog.GetTable("default", "t")!;
        Assert.Equal("1", stored.Parameters["a"]);
        Assert.Equal("|", stored.Storage.SerdeParameters["field.delim"]);
        Assert.Single(stored.Columns);
    }

    [Fact]
    public void ConcurrentWritersLoseNothing()
    {
        const int Threads = 6;
        const int TablesPerThread = 15;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var workers = new Thread[Threads];
        for (var t = 0; t < Threads; t++)
        {
            var worker = t;
            workers[t] = new Thread(() =>
            {
                try
                {
                    Catalog.CreateDatabase(new DatabaseInfo("shared"), ifNotExists: true);
                    var own = $"db{worker}";
                    Catalog.CreateDatabase(new DatabaseInfo(own), ifNotExists: false);
                    for (var i = 0; i < TablesPerThread; i++)
                    {
                        Catalog.CreateTable(SampleTable("shared", $"t{worker}_{i}"), ifNotExists: false);
                        Catalog.CreateTable(SampleTable(own, $"t{i}"), ifNotExists: false);
                        Assert.NotNull(Catalog.GetTable("shared", $"t{worker}_{i}"));
                        _ = Catalog.ListTables("shared");
                        if (i % 5 == 4) Catalog.DropTable(own, $"t{i}", ifExists: false);
                    }
                }
                catch (Exception ex)
                {
                    failures.Enqueue(ex);
                }
            });
        }
        foreach (var w in workers) w.Start();
        foreach (var w in workers) w.Join();

        Assert.Empty(failures);
        Assert.Equal(Threads * TablesPerThread, Catalog.ListTables("shared").Count);
        for (var t = 0; t < Threads; t++)
        {
            Assert.Equal(TablesPerThread - TablesPerThread / 5, Catalog.ListTables($"db{t}").Count);
            for (var i = 0; i < TablesPerThread; i++) CatalogAssert.Equal(SampleTable("shared", $"t{t}_{i}"), Catalog.GetTable("shared", $"t{t}_{i}"));
        }
    }

    [Fact]
    public void ConcurrentCreatesOfOneTableHaveExactlyOneWinner()
    {
        const int Threads = 6;
        var wins = 0;
        var duplicates = 0;
        var others = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        using var start = new ManualResetEventSlim();
        var workers = new Thread[Threads];
        for (var t = 0; t < Threads; t++)
        {
            workers[t] = new Thread(() =>
            {
                start.Wait();
                try
                {
                    Catalog.CreateTable(SampleTable("default", "contested"), ifNotExists: false);
                    Interlocked.Increment(ref wins);
                }
                catch (SemanticException ex) when (ex.Code == ErrorCode.AlreadyExists)
                {
                    Interlocked.Increment(ref duplicates);
                }
                catch (Exception ex)
                {
                    others.Enqueue(ex);
                }
            });
            workers[t].Start();
        }
        start.Set();
        foreach (var w in workers) w.Join();

        Assert.Empty(others);
        Assert.Equal(1, wins);
        Assert.Equal(Threads - 1, duplicates);
        CatalogAssert.Equal(SampleTable("default", "contested"), Catalog.GetTable("default", "contested"));
    }

    /// <summary>An external text table with every field set, as the DDL layer would create it.</summary>
    protected static TableInfo SampleTable(string database, string name) => new(
        database.ToLowerInvariant(),
        name.ToLowerInvariant(),
        TableKind.External,
        [
            new ColumnInfo("o_orderkey", "bigint", "primary key"),
            new ColumnInfo("o_totalprice", "decimal(15,2)"),
            new ColumnInfo("o_orderdate", "date", string.Empty),
            new ColumnInfo("o_tags", "array<struct<k:string,v:map<string,int>>>", "nested"),
        ],
        new StorageInfo($"/lake/{database}/{name}/", StorageInfo.Formats.TextInput, StorageInfo.Formats.TextOutput, StorageInfo.Formats.LazySimpleSerde)
        {
            SerdeParameters = new Dictionary<string, string> { ["field.delim"] = "|", ["serialization.format"] = "|", ["escape.delim"] = "\\" },
        })
    {
        PartitionKeys = [new ColumnInfo("ds", "string", "load date"), new ColumnInfo("region", "varchar(10)")],
        Parameters = new Dictionary<string, string> { ["EXTERNAL"] = "TRUE", ["classification"] = "csv", ["skip.header.line.count"] = "1" },
        Owner = "etl",
        CreateTime = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Comment = "Orders from the shop; 'quoted' and \"double\"",
    };

    protected static TableInfo SampleView(string database, string name) => new(
        database,
        name,
        TableKind.View,
        [new ColumnInfo("o_orderkey", "bigint")],
        new StorageInfo(null, string.Empty, string.Empty, string.Empty))
    {
        Owner = "analyst",
        CreateTime = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero),
        ViewOriginalText = "SELECT o_orderkey FROM orders WHERE o_orderdate > DATE '2025-01-01'",
        ViewExpandedText = "SELECT \"o_orderkey\" FROM \"default\".\"orders\" WHERE \"o_orderdate\" > DATE '2025-01-01'",
        Parameters = new Dictionary<string, string> { ["presto_view"] = "true" },
    };
}
