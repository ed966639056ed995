using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Thrift;
using QueryEngine.Metastore.Hms;
using QueryEngine.Metastore.Hms.Structs;
using Xunit;

namespace QueryEngine.Metastore.Tests.Hms;

/// <summary>Hive's Table/Database structs to and from our model, and through the wire codec.</summary>
public sealed class HmsTableConverterTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void TableRoundTripsThroughTheWire()
    {
        var table = new TableInfo("sales", "orders", TableKind.External,
            [new ColumnInfo("id", "bigint", "key"), new ColumnInfo("tags", "array<struct<a:int,b:string>>")],
            new StorageInfo("/data/orders", StorageInfo.Formats.TextInput, StorageInfo.Formats.TextOutput, StorageInfo.Formats.LazySimpleSerde)
            {
                SerdeParameters = new Dictionary<string, string> { ["field.delim"] = "|" },
            })
        {
            PartitionKeys = [new ColumnInfo("dt", "string")],
            Parameters = new Dictionary<string, string> { ["classification"] = "csv" },
            Owner = "ann",
            CreateTime = Now,
            Comment = "all orders",
        };
        var thrift = HmsTableConverter.ToThrift(table);
        Assert.Equal(HmsTable.ExternalTable, thrift.TableType);
        Assert.Equal("TRUE", thrift.Parameters["EXTERNAL"]);
        Assert.Equal("all orders", thrift.Parameters["comment"]);
        Assert.Equal(1_700_000_000, thrift.CreateTime);

        var writer = new BinaryProtocolWriter();
        thrift.Write(writer);
        var read = HmsTable.Read(new BinaryProtocolReader(new MemoryStream(writer.Written.ToArray()), 1 << 20));
        var back = HmsTableConverter.FromThrift(read, (_, _) => throw new InvalidOperationException("has a location"), Now);

        Assert.Equal(table.Database, back.Database);
        Assert.Equal(table.Name, back.Name);
        Assert.Equal(TableKind.External, back.Kind);
        Assert.Equal(table.Columns, back.Columns);
        Assert.Equal(table.PartitionKeys, back.PartitionKeys);
        Assert.Equal(table.Storage.Location, back.Storage.Location);
        Assert.Equal(table.Storage.SerdeLibrary, back.Storage.SerdeLibrary);
        Assert.Equal("|", back.Storage.SerdeParameters["field.delim"]);
        Assert.Equal("csv", back.Parameters["classification"]);
        Assert.Equal("ann", back.Owner);
    }

    [Fact]
    public void BucketColumnsAndCountTravelAsBucketColsAndNumBuckets()
    {
        var table = new TableInfo("sales", "orders", TableKind.External, [new ColumnInfo("id", "bigint"), new ColumnInfo("name", "string")],
            new StorageInfo("/data/orders", StorageInfo.Formats.ParquetInput, StorageInfo.Formats.ParquetOutput, StorageInfo.Formats.ParquetSerde)
            {
                BucketColumns = ["id", "name"],
                BucketCount = 8,
            });
        var thrift = HmsTableConverter.ToThrift(table);
        Assert.Equal(8, thrift.Sd!.NumBuckets);
        Assert.Equal(["id", "name"], thrift.Sd.BucketColumns);

        var writer = new BinaryProtocolWriter();
        thrift.Write(writer);
        var read = HmsTable.Read(new BinaryProtocolReader(new MemoryStream(writer.Written.ToArray()), 1 << 20));
        var back = HmsTableConverter.FromThrift(read, (_, _) => throw new InvalidOperationException("has a location"), Now);
        Assert.Equal(["id", "name"], back.Storage.BucketColumns);
        Assert.Equal(8, back.Storage.BucketCount);

        // Not bucketed: Hive's -1 and no columns, both ways.
        var plain = HmsTableConverter.ToThrift(table with { Storage = table.Storage with { BucketColumns = [], BucketCount = 0 } });
        Assert.Equal(-1, plain.Sd!.NumBuckets);
        Assert.Empty(plain.Sd.BucketColumns);
        Assert.Equal(0, HmsTableConverter.FromThrift(plain, (_, _) => "/x", Now).Storage.BucketCount);
    }

    [Fact]
    public void SortColumnsTravelAsSortColsOrdersOneAscendingZeroDescending()
    {
        var table = new TableInfo("sales", "orders", TableKind.External, [new ColumnInfo("id", "bigint"), new ColumnInfo("name", "string")],
            new StorageInfo("/data/orders", StorageInfo.Formats.ParquetInput, StorageInfo.Formats.ParquetOutput, StorageInfo.Formats.ParquetSerde)
            {
                BucketColumns = ["id"],
                BucketCount = 4,
                SortColumns = [new SortColumnInfo("name", Ascending: false), new SortColumnInfo("id")],
            });
        var thrift = HmsTableConverter.ToThrift(table);
        Assert.Equal(["name", "id"], thrift.Sd!.SortColumns.Select(o => o.Column));
        Assert.Equal([0, 1], thrift.Sd.SortColumns.Select(o => o.Order));

        var writer = new BinaryProtocolWriter();
        thrift.Write(writer);
        var read = HmsTable.Read(new BinaryProtocolReader(new MemoryStream(writer.Written.ToArray()), 1 << 20));
        Assert.Equal([0, 1], read.Sd!.SortColumns.Select(o => o.Order));
        var back = HmsTableConverter.FromThrift(read, (_, _) => throw new InvalidOperationException("has a location"), Now);
        Assert.Equal(table.Storage.SortColumns, back.Storage.SortColumns);

        // Names arrive lower-cased like every other column name; an unsorted table sends an empty list.
        read.Sd.SortColumns[0].Column = "NAME";
        Assert.Equal("name", HmsTableConverter.FromThrift(read, (_, _) => "/x", Now).Storage.SortColumns[0].Name);
        Assert.Empty(HmsTableConverter.ToThrift(table with { Storage = table.Storage with { SortColumns = [] } }).Sd!.SortColumns);
    }

    [Theory]
    [InlineData("id", 2)]
    [InlineData("id", -1)]
    [InlineData("", 1)]
    [InlineData(null, 1)]
    public void ASortColumnWithoutANameOrWithAnUnknownOrderIsRefused(string? column, int order)
    {
        var table = Minimal();
        table.Sd!.SortColumns = [new HmsOrder { Column = column, Order = order }];
        var error = Assert.Throws<HmsException>(() => HmsTableConverter.FromThrift(table, (_, _) => "/x", Now));
        Assert.Equal(HmsErrorKind.InvalidObjectException, error.Kind);
        Assert.Contains("d.t", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MANAGED_TABLE", null, TableKind.Managed)]
    [InlineData("MANAGED_TABLE", "TRUE", TableKind.External)]
    [InlineData(null, null, TableKind.Managed)]
    [InlineData("EXTERNAL_TABLE", null, TableKind.External)]
    [InlineData("VIRTUAL_VIEW", null, TableKind.View)]
    public void TableTypeFollowsHive(string? tableType, string? external, TableKind expected)
    {
        var table = Minimal();
        table.TableType = tableType;
        if (external is not null) table.Parameters["EXTERNAL"] = external;
        Assert.Equal(expected, HmsTableConverter.FromThrift(table, (_, _) => "/x", Now).Kind);
    }

    [Fact]
    public void AManagedTableWithoutLocationGetsTheDefaultOne()
    {
        var table = Minimal();
        table.Sd!.Location = null;
        var info = HmsTableConverter.FromThrift(table, (db, name) => $"/wh/{db}/{name}", Now);
        Assert.Equal("/wh/d/t", info.Storage.Location);
        Assert.Equal(Now, info.CreateTime);
    }

    [Fact]
    public void InvalidTablesAreInvalidObjectExceptions()
    {
        Assert.Equal(HmsErrorKind.InvalidObjectException, Fails(t => t.TableName = ""));
        Assert.Equal(HmsErrorKind.InvalidObjectException, Fails(t => t.Sd = null));
        Assert.Equal(HmsErrorKind.InvalidObjectException, Fails(t => t.Sd!.Columns[0].Type = "not a type"));
        Assert.Equal(HmsErrorKind.InvalidObjectException, Fails(t => t.Sd!.Columns[0].Name = null));
        Assert.Equal(HmsErrorKind.InvalidObjectException, Fails(t => t.TableType = HmsTable.MaterializedView));
        Assert.Equal(HmsErrorKind.InvalidObjectException, Fails(t => t.Temporary = true));
    }

    [Fact]
    public void DatabaseRoundTrips()
    {
        var database = new DatabaseInfo("sales", "the sales", "/data/sales")
        {
            Parameters = new Dictionary<string, string> { ["k"] = "v" },
            Owner = "ann",
        };
        var thrift = HmsDatabaseConverter.ToThrift(database);
        Assert.Equal(1, thrift.OwnerType);
        Assert.Equal("hive", thrift.CatalogName);
        var writer = new BinaryProtocolWriter();
        thrift.Write(writer);
        var back = HmsDatabaseConverter.FromThrift(HmsDatabase.Read(new BinaryProtocolReader(new MemoryStream(writer.Written.ToArray()), 1 << 20)));
        Assert.Equal(database.Name, back.Name);
        Assert.Equal(database.Description, back.Description);
        Assert.Equal(database.Location, back.Location);
        Assert.Equal(database.Parameters, back.Parameters);
        Assert.Equal(database.Owner, back.Owner);
        Assert.Throws<HmsException>(() => HmsDatabaseConverter.FromThrift(new HmsDatabase()));
    }

    private static HmsErrorKind Fails(Action<HmsTable> change)
    {
        var table = Minimal();
        change(table);
        return Assert.Throws<HmsException>(() => HmsTableConverter.FromThrift(table, (_, _) => "/x", Now)).Kind;
    }

    private static HmsTable Minimal() => new()
    {
        DbName = "d",
        TableName = "t",
        Sd = new HmsStorageDescriptor
        {
            Columns = [new HmsFieldSchema { Name = "x", Type = "int" }],
            Location = "/data/t",
            SerdeInfo = new HmsSerDeInfo { SerializationLib = StorageInfo.Formats.LazySimpleSerde },
        },
    };
}
