using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Thrift;
using QueryEngine.Metastore.Hms.Service;
using QueryEngine.Metastore.Hms.Structs;
using Xunit;

namespace QueryEngine.Metastore.Tests.Hms;

/// <summary>
/// Mutated calls (flipped, dropped and inserted bytes in real requests) run through the reader and the dispatcher:
/// the only failure allowed to escape is a <see cref="ProtocolException"/> (the connection would close); every
/// call that can be read gets a reply that reads back as a well-formed message.
/// </summary>
public sealed class HmsDispatcherFuzzTests
{
    [Fact]
    public void MutatedCallsNeverCrashTheDispatcher()
    {
        var log = new List<string>();
        var catalog = new InMemoryCatalog();
        var dispatcher = new HmsDispatcher(HmsMethodTable.Create(new HmsContext(catalog, "/wh")), log.Add);
        var seeds = Seeds();
        var random = new Random(4711);
        var replies = 0;
        for (var round = 0; round < 3000; round++)
        {
            var bytes = Mutate(seeds[random.Next(seeds.Count)], random);
            var reader = new BinaryProtocolReader(new MemoryStream(bytes), 1 << 16);
            var writer = new BinaryProtocolWriter();
            try
            {
                while (reader.TryReadMessageBegin(out var header))
                {
                    writer.Clear();
                    if (!dispatcher.Dispatch(header, reader, writer)) continue;
                    replies++;
                    var reply = new BinaryProtocolReader(new MemoryStream(writer.Written.ToArray()), 1 << 24);
                    Assert.True(reply.TryReadMessageBegin(out var replyHeader));
                    Assert.Equal(header.SequenceId, replyHeader.SequenceId);
                    reply.Skip(ThriftType.Struct);
                    Assert.False(reply.TryReadMessageBegin(out _));
                }
            }
            catch (ProtocolException)
            {
                // The connection would be closed: fine for garbage.
            }
        }
        Assert.True(replies > 100, $"only {replies} replies");
        Assert.DoesNotContain(log, line => line.Contains("failed", StringComparison.Ordinal));
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        var edits = random.Next(0, 4);
        for (var i = 0; i < edits && bytes.Count > 0; i++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(3))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes.RemoveAt(at); break;
                default: bytes.Insert(at, (byte)random.Next(256)); break;
            }
        }
        return [.. bytes];
    }

    private static List<byte[]> Seeds()
    {
        var table = new HmsTable
        {
            DbName = "fz",
            TableName = "t",
            TableType = HmsTable.ExternalTable,
            Sd = new HmsStorageDescriptor
            {
                Columns = [new HmsFieldSchema { Name = "a", Type = "int" }, new HmsFieldSchema { Name = "b", Type = "map<string,int>" }],
                Location = "/data/t",
                SerdeInfo = new HmsSerDeInfo { SerializationLib = StorageInfo.Formats.LazySimpleSerde },
            },
            PartitionKeys = [new HmsFieldSchema { Name = "dt", Type = "string" }],
        };
        return
        [
            Call("create_database", w =>
            {
                w.WriteFieldBegin(ThriftType.Struct, 1);
                new HmsDatabase { Name = "fz", LocationUri = "/data/fz" }.Write(w);
            }),
            Call("create_table", w =>
            {
                w.WriteFieldBegin(ThriftType.Struct, 1);
                table.Write(w);
            }),
            Call("get_table", w =>
            {
                w.WriteStringField(1, "fz");
                w.WriteStringField(2, "t");
            }),
            Call("get_table_req", w =>
            {
                w.WriteFieldBegin(ThriftType.Struct, 1);
                w.WriteStringField(1, "fz");
                w.WriteStringField(2, "t");
                w.WriteFieldBegin(ThriftType.Struct, 3);
                w.WriteFieldBegin(ThriftType.List, 1);
                w.WriteListBegin(ThriftType.I32, 1);
                w.WriteI32(2);
                w.WriteFieldStop();
                w.WriteFieldStop();
            }),
            Call("get_tables", w =>
            {
                w.WriteStringField(1, "fz");
                w.WriteStringField(2, "t*|(a+)+");
            }),
            Call("get_partitions_by_filter", w =>
            {
                w.WriteStringField(1, "fz");
                w.WriteStringField(2, "t");
                w.WriteStringField(3, "dt = \"1\"");
                w.WriteFieldBegin(ThriftType.I16, 4);
                w.WriteI16(-1);
            }),
            Call("get_table_objects_by_name", w =>
            {
                w.WriteStringField(1, "fz");
                w.WriteFieldBegin(ThriftType.List, 2);
                w.WriteStringList(["t", "u"]);
            }),
            Call("set_ugi", w =>
            {
                w.WriteStringField(1, "me");
                w.WriteFieldBegin(ThriftType.List, 2);
                w.WriteStringList(["g"]);
            }),
            Call("drop_table", w =>
            {
                w.WriteStringField(1, "fz");
                w.WriteStringField(2, "t");
                w.WriteBoolField(3, false);
            }),
            Call("drop_database", w =>
            {
                w.WriteStringField(1, "fz");
                w.WriteBoolField(2, false);
                w.WriteBoolField(3, true);
            }),
        ];
    }

    private static byte[] Call(string method, Action<BinaryProtocolWriter> writeArgs)
    {
        var writer = new BinaryProtocolWriter();
        writer.WriteMessageBegin(new ThriftMessageHeader(method, ThriftMessageType.Call, 42));
        writeArgs(writer);
        writer.WriteFieldStop();
        return writer.Written.ToArray();
    }
}
