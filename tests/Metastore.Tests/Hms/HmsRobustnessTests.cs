using System.Buffers.Binary;
using System.Net.Sockets;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Thrift;
using Xunit;

namespace QueryEngine.Metastore.Tests.Hms;

/// <summary>
/// Bad input closes only the connection that sent it (with the error logged); the server keeps serving the
/// others. Also: unknown methods answer UNKNOWN_METHOD on a connection that stays usable, the framed transport,
/// many clients at once, and stopping the server with clients connected.
/// </summary>
public sealed class HmsRobustnessTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly InMemoryCatalog _catalog = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void GarbageBytesCloseThatConnectionOnly()
    {
        using var server = new HmsTestServer(_catalog, _dir.Path);
        using var idle = new HmsTestClient(server.Port);
        Assert.Contains("default", idle.GetAllDatabases());
        using (var bad = new HmsTestClient(server.Port))
        {
            bad.Stream.Write("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8);
            Assert.True(bad.ServerClosed());
        }
        Assert.Contains("expected a strict binary protocol message header", server.Log, StringComparison.Ordinal);
        Assert.Contains("default", idle.GetAllDatabases());
        using var fresh = new HmsTestClient(server.Port);
        Assert.Contains("default", fresh.GetAllDatabases());
    }

    [Fact]
    public void WrongProtocolVersionClosesTheConnection()
    {
        using var server = new HmsTestServer(_catalog, _dir.Path);
        using (var bad = new HmsTestClient(server.Port))
        {
            // Version 2 of a strict header, a CALL of "get_all_databases".
            bad.Stream.Write([0x80, 0x02, 0x00, 0x01, 0, 0, 0, 1, (byte)'x', 0, 0, 0, 1, 0]);
            Assert.True(bad.ServerClosed());
        }
        Assert.Contains("unsupported binary protocol version 0x80020000", server.Log, StringComparison.Ordinal);
        using var fresh = new HmsTestClient(server.Port);
        Assert.Contains("default", fresh.GetAllDatabases());
    }

    [Fact]
    public void ConnectionDroppedMidCallIsLoggedAndForgotten()
    {
        using var server = new HmsTestServer(_catalog, _dir.Path);
        using (var bad = new HmsTestClient(server.Port))
        {
            var writer = new BinaryProtocolWriter();
            writer.WriteMessageBegin(new ThriftMessageHeader("get_database", ThriftMessageType.Call, 1));
            writer.WriteFieldBegin(ThriftType.String, 1);
            writer.WriteI32(100);
            bad.Stream.Write(writer.Written.Span);
            bad.Stream.Write("defa"u8);
            bad.Stream.Socket.Shutdown(SocketShutdown.Send);
            Assert.True(bad.ServerClosed());
        }
        Assert.True(server.WaitForNoConnections());
        Assert.Contains("the connection ended in the middle of a message", server.Log, StringComparison.Ordinal);
        using var fresh = new HmsTestClient(server.Port);
        Assert.Contains("default", fresh.GetAllDatabases());
    }

    [Fact]
    public void OversizedValuesCloseTheConnectionBeforeAllocating()
    {
        using var server = new HmsTestServer(_catalog, _dir.Path, maxMessageBytes: 4096);
        SendAndExpectClose(server, w =>
        {
            w.WriteFieldBegin(ThriftType.String, 1);
            w.WriteI32(int.MaxValue);
        });
        SendAndExpectClose(server, w =>
        {
            w.WriteFieldBegin(ThriftType.List, 2);
            w.WriteListBegin(ThriftType.String, int.MaxValue);
        });
        SendAndExpectClose(server, w =>
        {
            w.WriteFieldBegin(ThriftType.Map, 3);
            w.WriteMapBegin(ThriftType.String, ThriftType.String, 1_000_000);
        });
        SendAndExpectClose(server, w =>
        {
            w.WriteFieldBegin(ThriftType.String, 1);
            w.WriteString(new string('x', 5000));
        });
        Assert.Contains("message larger than the limit of 4096 bytes", server.Log, StringComparison.Ordinal);
        using var fresh = new HmsTestClient(server.Port);
        Assert.Contains("default", fresh.GetAllDatabases());
    }

    [Fact]
    public void MalformedValuesCloseTheConnection()
    {
        using var server = new HmsTestServer(_catalog, _dir.Path);
        SendAndExpectClose(server, w =>
        {
            w.WriteFieldBegin(ThriftType.String, 1);
            w.WriteI32(-5);
        });
        SendAndExpectClose(server, w => w.WriteByte(9));
        SendAndExpectClose(server, w =>
        {
            w.WriteFieldBegin(ThriftType.String, 1);
            w.WriteBinary([0xFF, 0xFE]);
        });
        SendAndExpectClose(server, w =>
        {
            for (var i = 0; i < 100; i++) w.WriteFieldBegin(ThriftType.Struct, 1);
        });
        var log = server.Log;
        Assert.Contains("negative binary length", log, StringComparison.Ordinal);
        Assert.Contains("unknown field type 9", log, StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", log, StringComparison.Ordinal);
        Assert.Contains("nested deeper than 64", log, StringComparison.Ordinal);
        using var fresh = new HmsTestClient(server.Port);
        Assert.Contains("default", fresh.GetAllDatabases());
    }

    [Fact]
    public void UnknownMethodAnswersUnknownMethodAndTheConnectionKeepsWorking()
    {
        using var server = new HmsTestServer(_catalog, _dir.Path);
        using var client = new HmsTestClient(server.Port);
        var (header, body) = client.Call("get_no_such_thing", w =>
        {
            w.WriteFieldBegin(ThriftType.String, 1);
            w.WriteString("ignored");
        });
        Assert.Equal(ThriftMessageType.Exception, header.Type);
        Assert.Equal("get_no_such_thing", header.Name);
        string? message = null;
        var type = -1;
        body.ReadStruct((id, t) =>
        {
            switch (id)
            {
                case 1 when t == ThriftType.String: message = body.ReadString(); return true;
                case 2 when t == ThriftType.I32: type = body.ReadI32(); return true;
                default: return false;
            }
        });
        Assert.Equal((int)ThriftApplicationErrorType.UnknownMethod, type);
        Assert.Equal("Invalid method name: 'get_no_such_thing'", message);
        Assert.Contains("default", client.GetAllDatabases());
    }

    [Fact]
    public void DeclaredExceptionsUseTheMethodsFieldIds()
    {
        using var server = new HmsTestServer(_catalog, _dir.Path);
        using var client = new HmsTestClient(server.Port);
        // get_table throws (1: MetaException, 2: NoSuchObjectException).
        var (header, body) = client.Call("get_table", w =>
        {
            w.WriteStringField(1, "default");
            w.WriteStringField(2, "missing");
        });
        Assert.Equal(ThriftMessageType.Reply, header.Type);
        var (field, message) = HmsTestClient.ReadException(body);
        Assert.Equal(2, field);
        Assert.Equal("default.missing table not found", message);
        // drop_database throws (1: NoSuchObjectException, 2: InvalidOperationException, 3: MetaException).
        (_, body) = client.Call("drop_database", w => w.WriteStringField(1, "nope"));
        Assert.Equal(1, HmsTestClient.ReadException(body).FieldId);
        // An undeclared failure of a method with no exceptions becomes TApplicationException INTERNAL_ERROR.
        (header, body) = client.Call("get_table_objects_by_name");
        Assert.Equal(ThriftMessageType.Exception, header.Type);
        body.Skip(ThriftType.Struct);
        Assert.Contains("default", client.GetAllDatabases());
    }

    [Fact]
    public void ArgumentsOfTheWrongTypeAreSkippedAndAnsweredWithAnException()
    {
        using var server = new HmsTestServer(_catalog, _dir.Path);
        using var client = new HmsTestClient(server.Port);
        // get_table(1: string dbname, 2: string tbl_name) with an i32 and a list where the strings belong.
        var (header, body) = client.Call("get_table", w =>
        {
            w.WriteI32Field(1, 7);
            w.WriteFieldBegin(ThriftType.List, 2);
            w.WriteListBegin(ThriftType.I64, 1);
            w.WriteI64(1);
        });
        Assert.Equal(ThriftMessageType.Reply, header.Type);
        var (field, message) = HmsTestClient.ReadException(body);
        Assert.Equal(1, field);
        Assert.Equal("argument dbname is missing", message);
        // create_table(1: Table) with a string where the struct belongs.
        (_, body) = client.Call("create_table", w => w.WriteStringField(1, "not a table"));
        Assert.Equal(2, HmsTestClient.ReadException(body).FieldId);
        Assert.Contains("default", client.GetAllDatabases());
    }

    [Fact]
    public void FramedTransportServesFramesAndRejectsOversizedOnes()
    {
        using var server = new HmsTestServer(_catalog, _dir.Path, framed: true, maxMessageBytes: 1024);
        using (var client = new HmsTestClient(server.Port, framed: true))
        {
            Assert.Contains("default", client.GetAllDatabases());
            Assert.Contains("default", client.GetAllDatabases());
        }
        using (var bad = new HmsTestClient(server.Port, framed: true))
        {
            var prefix = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(prefix, 1 << 20);
            bad.Stream.Write(prefix);
            Assert.True(bad.ServerClosed());
        }
        Assert.Contains("frame size 1048576 is outside 1..1024 bytes", server.Log, StringComparison.Ordinal);
        using var fresh = new HmsTestClient(server.Port, framed: true);
        Assert.Contains("default", fresh.GetAllDatabases());
    }

    [Fact]
    public void ManyClientsAtOnce()
    {
        using var server = new HmsTestServer(_catalog, _dir.Path);
        Parallel.For(0, 8, _ =>
        {
            using var client = new HmsTestClient(server.Port);
            for (var i = 0; i < 25; i++) Assert.Contains("default", client.GetAllDatabases());
        });
        Assert.True(server.WaitForNoConnections());
    }

    [Fact]
    public void ConnectionsBeyondTheLimitAreRefused()
    {
        using var server = new HmsTestServer(_catalog, _dir.Path, maxConnections: 2);
        using var first = new HmsTestClient(server.Port);
        using var second = new HmsTestClient(server.Port);
        Assert.Contains("default", first.GetAllDatabases());
        Assert.Contains("default", second.GetAllDatabases());
        using (var third = new HmsTestClient(server.Port))
        {
            Assert.True(third.ServerClosed());
        }
        Assert.Contains("2 connections already open", server.Log, StringComparison.Ordinal);
        first.Dispose();
        second.Dispose();
        Assert.True(server.WaitForNoConnections());
        using var later = new HmsTestClient(server.Port);
        Assert.Contains("default", later.GetAllDatabases());
    }

    [Fact]
    public void StoppingTheServerClosesOpenConnections()
    {
        var server = new HmsTestServer(_catalog, _dir.Path);
        using var client = new HmsTestClient(server.Port);
        Assert.Contains("default", client.GetAllDatabases());
        server.Dispose();
        Assert.True(client.ServerClosed());
        Assert.True(server.WaitForNoConnections());
    }

    private static void SendAndExpectClose(HmsTestServer server, Action<BinaryProtocolWriter> writeArgs)
    {
        using var bad = new HmsTestClient(server.Port);
        var writer = new BinaryProtocolWriter();
        writer.WriteMessageBegin(new ThriftMessageHeader("get_database", ThriftMessageType.Call, 1));
        writeArgs(writer);
        bad.Stream.Write(writer.Written.Span);
        Assert.True(bad.ServerClosed());
    }
}
