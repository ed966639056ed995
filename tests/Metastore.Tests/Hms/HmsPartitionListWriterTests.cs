using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Thrift;
using QueryEngine.Metastore.Hms;
using QueryEngine.Metastore.Hms.Structs;
using Xunit;

namespace QueryEngine.Metastore.Tests.Hms;

/// <summary>The streamed partition list writes exactly the bytes of the Thrift structs it replaces.</summary>
public sealed class HmsPartitionListWriterTests
{
    private static readonly TableInfo Table = new("sales", "orders", TableKind.External,
        [new ColumnInfo("id", "bigint", "key"), new ColumnInfo("tags", "array<struct<a:int,b:string>>")],
        new StorageInfo("/data/orders", StorageInfo.Formats.TextInput, StorageInfo.Formats.TextOutput, StorageInfo.Formats.LazySimpleSerde)
        {
            SerdeParameters = new Dictionary<string, string> { ["field.delim"] = "|", ["serialization.format"] = "|" },
        })
    {
        PartitionKeys = [new ColumnInfo("dt", "string"), new ColumnInfo("hr", "int")],
    };

    [Fact]
    public void WritesTheSameBytesAsTheConvertedStructs()
    {
        IReadOnlyList<ColumnInfo> own = [new ColumnInfo("id", "bigint"), new ColumnInfo("extra", "string", "later")];
        PartitionInfo[] partitions =
        [
            new("sales", "orders", ["2024-01-01", "1"], Table.Storage with { Location = "/data/orders/dt=2024-01-01/hr=1" })
            {
                Parameters = new Dictionary<string, string> { ["numRows"] = "10", ["a"] = "ünï", ["B"] = "x" },
                CreateTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
            },
            new("sales", "orders", ["2024-01-01", "2"], new StorageInfo("/other", "", "", ""))
            {
                Columns = own,
            },
            new("sales", "orders", ["2024-01-02", "1"]) { Columns = own, CreateTime = DateTimeOffset.FromUnixTimeSeconds(-5) },
            new("sales", "orders", ["2024-01-03", "7"], new StorageInfo(null, StorageInfo.Formats.ParquetInput, StorageInfo.Formats.ParquetOutput, StorageInfo.Formats.ParquetSerde)),
        ];

        var expected = new BinaryProtocolWriter();
        HmsPartition.WriteList(expected, [.. partitions.Select(p => HmsPartitionConverter.ToThrift(Table, p))]);

        var streamed = new BinaryProtocolWriter();
        var list = new HmsPartitionListWriter(streamed, Table);
        list.Begin(partitions.Length);
        list.Page(partitions[..3]);
        list.Page(partitions[3..]);

        Assert.Equal(expected.Written.ToArray(), streamed.Written.ToArray());

        var read = new BinaryProtocolReader(new MemoryStream(streamed.Written.ToArray()), 1 << 20).ReadStructList(HmsPartition.Read);
        Assert.Equal(4, read.Count);
        Assert.Equal(["id", "extra"], read[1].Sd!.Columns.Select(c => c.Name));
        Assert.Equal(["id", "tags"], read[3].Sd!.Columns.Select(c => c.Name));
        Assert.Equal("ünï", read[0].Parameters["a"]);
    }

    [Fact]
    public void AnEmptyListIsJustItsHeader()
    {
        var expected = new BinaryProtocolWriter();
        HmsPartition.WriteList(expected, []);
        var streamed = new BinaryProtocolWriter();
        new HmsPartitionListWriter(streamed, Table).Begin(0);
        Assert.Equal(expected.Written.ToArray(), streamed.Written.ToArray());
    }
}
