using QueryEngine.Engine.Common;
using QueryEngine.Engine.Thrift;
using Xunit;

namespace QueryEngine.Engine.Tests.Thrift;

/// <summary>The Thrift binary protocol codec: exact bytes per the spec, round trips, skipping, and every rejection.</summary>
public sealed class BinaryProtocolTests
{
    [Fact]
    public void MessageHeaderHasTheStrictLayout()
    {
        var writer = new BinaryProtocolWriter();
        writer.WriteMessageBegin(new ThriftMessageHeader("ab", ThriftMessageType.Call, 7));
        Assert.Equal(new byte[] { 0x80, 0x01, 0x00, 0x01, 0, 0, 0, 2, (byte)'a', (byte)'b', 0, 0, 0, 7 }, writer.Written.ToArray());
    }

    [Fact]
    public void FieldsAndCollectionsHaveTheSpecLayout()
    {
        var writer = new BinaryProtocolWriter();
        writer.WriteFieldBegin(ThriftType.I32, 3);
        writer.WriteI32(-2);
        writer.WriteFieldBegin(ThriftType.List, 4);
        writer.WriteStringList(["x"]);
        writer.WriteFieldBegin(ThriftType.Map, 5);
        writer.WriteStringMap(new Dictionary<string, string> { ["k"] = "v" });
        writer.WriteFieldStop();
        Assert.Equal(
            new byte[]
            {
                8, 0, 3, 0xFF, 0xFF, 0xFF, 0xFE,
                15, 0, 4, 11, 0, 0, 0, 1, 0, 0, 0, 1, (byte)'x',
                13, 0, 5, 11, 11, 0, 0, 0, 1, 0, 0, 0, 1, (byte)'k', 0, 0, 0, 1, (byte)'v',
                0,
            },
            writer.Written.ToArray());
    }

    [Fact]
    public void EveryTypeRoundTrips()
    {
        var writer = new BinaryProtocolWriter();
        writer.WriteMessageBegin(new ThriftMessageHeader("call_me", ThriftMessageType.Oneway, int.MinValue));
        writer.WriteBoolField(1, true);
        writer.WriteFieldBegin(ThriftType.Byte, 2);
        writer.WriteByte(-7);
        writer.WriteFieldBegin(ThriftType.I16, 3);
        writer.WriteI16(short.MinValue);
        writer.WriteI32Field(4, int.MaxValue);
        writer.WriteFieldBegin(ThriftType.I64, 5);
        writer.WriteI64(long.MinValue);
        writer.WriteFieldBegin(ThriftType.Double, 6);
        writer.WriteDouble(-1.25);
        writer.WriteStringField(7, "héllo");
        writer.WriteFieldBegin(ThriftType.String, 8);
        writer.WriteBinary([0, 255]);
        writer.WriteFieldStop();

        var reader = Reader(writer);
        Assert.True(reader.TryReadMessageBegin(out var header));
        Assert.Equal(new ThriftMessageHeader("call_me", ThriftMessageType.Oneway, int.MinValue), header);
        var seen = new List<object>();
        reader.ReadStruct((id, type) =>
        {
            seen.Add(id switch
            {
                1 => reader.ReadBool(),
                2 => reader.ReadByte(),
                3 => reader.ReadI16(),
                4 => reader.ReadI32(),
                5 => reader.ReadI64(),
                6 => reader.ReadDouble(),
                7 => reader.ReadString(),
                _ => Convert.ToHexString(reader.ReadBinary()),
            });
            return true;
        });
        Assert.Equal<object>([true, (sbyte)-7, short.MinValue, int.MaxValue, long.MinValue, -1.25, "héllo", "00FF"], seen);
        Assert.False(reader.TryReadMessageBegin(out _));
    }

    [Fact]
    public void UnknownFieldsOfEveryShapeAreSkipped()
    {
        var writer = new BinaryProtocolWriter();
        writer.WriteMessageBegin(new ThriftMessageHeader("m", ThriftMessageType.Call, 1));
        writer.WriteFieldBegin(ThriftType.Struct, 1);
        writer.WriteFieldBegin(ThriftType.List, 1);
        writer.WriteListBegin(ThriftType.Struct, 2);
        writer.WriteStringField(1, "a");
        writer.WriteFieldStop();
        writer.WriteFieldStop();
        writer.WriteFieldBegin(ThriftType.Map, 2);
        writer.WriteMapBegin(ThriftType.I32, ThriftType.List, 1);
        writer.WriteI32(5);
        writer.WriteListBegin(ThriftType.Double, 1);
        writer.WriteDouble(2);
        writer.WriteFieldBegin(ThriftType.Set, 3);
        writer.WriteListBegin(ThriftType.I64, 1);
        writer.WriteI64(9);
        writer.WriteFieldBegin(ThriftType.Uuid, 4);
        writer.WriteBinary(new byte[12]);
        writer.WriteFieldStop();
        writer.WriteStringField(2, "kept");
        writer.WriteFieldStop();

        var reader = Reader(writer);
        Assert.True(reader.TryReadMessageBegin(out _));
        string? kept = null;
        reader.ReadStruct((id, type) =>
        {
            if (id != 2) return false;
            kept = reader.ReadString();
            return true;
        });
        Assert.Equal("kept", kept);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 1, (byte)'m', 1, 0, 0, 0, 1 }, "expected a strict binary protocol message header")]
    [InlineData(new byte[] { 0x80, 0x03, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 }, "unsupported binary protocol version 0x80030000")]
    [InlineData(new byte[] { 0x80, 0x01, 0, 9, 0, 0, 0, 0, 0, 0, 0, 1 }, "unknown message type 9")]
    [InlineData(new byte[] { 0x80, 0x01, 0, 1, 0, 0, 0, 5, (byte)'m' }, "ended in the middle of a message")]
    [InlineData(new byte[] { 0x80, 0x01, 0, 1, 0xFF, 0xFF, 0xFF, 0xFF }, "negative binary length")]
    [InlineData(new byte[] { 0x80, 0x01, 0, 1, 0x10, 0, 0, 0 }, "message larger than the limit of 1024 bytes")]
    [InlineData(new byte[] { 0x80, 0x01, 0, 1, 0, 0, 0, 2, 0xC3, 0x28, 0, 0, 0, 1 }, "not valid UTF-8")]
    public void BadHeadersAreProtocolErrors(byte[] bytes, string message)
    {
        var reader = new BinaryProtocolReader(new MemoryStream(bytes), 1024);
        var error = Assert.Throws<ProtocolException>(() => reader.TryReadMessageBegin(out _));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 15, 0, 1, 11, 0xFF, 0xFF, 0xFF, 0xFF }, "negative collection size")]
    [InlineData(new byte[] { 15, 0, 1, 11, 0x7F, 0xFF, 0xFF, 0xFF }, "message larger than the limit")]
    [InlineData(new byte[] { 13, 0, 1, 11, 11, 0, 0x10, 0, 0 }, "message larger than the limit")]
    [InlineData(new byte[] { 15, 0, 1, 0, 0, 0, 0, 1 }, "collection element type STOP")]
    [InlineData(new byte[] { 7, 0, 1 }, "unknown field type 7")]
    [InlineData(new byte[] { 8, 0, 1, 0, 0 }, "ended in the middle of a message")]
    public void BadValuesAreProtocolErrors(byte[] body, string message)
    {
        var header = new BinaryProtocolWriter();
        header.WriteMessageBegin(new ThriftMessageHeader("m", ThriftMessageType.Call, 1));
        var reader = new BinaryProtocolReader(new MemoryStream([.. header.Written.ToArray(), .. body]), 1024);
        Assert.True(reader.TryReadMessageBegin(out _));
        var error = Assert.Throws<ProtocolException>(() => reader.ReadStruct((_, _) => false));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NestingIsLimited()
    {
        var writer = new BinaryProtocolWriter();
        writer.WriteMessageBegin(new ThriftMessageHeader("m", ThriftMessageType.Call, 1));
        for (var i = 0; i < BinaryProtocolReader.MaxDepth + 1; i++) writer.WriteFieldBegin(ThriftType.Struct, 1);
        var reader = Reader(writer);
        Assert.True(reader.TryReadMessageBegin(out _));
        var error = Assert.Throws<ProtocolException>(() => reader.ReadStruct((_, _) => false));
        Assert.Contains("nested deeper than 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheBudgetIsPerMessage()
    {
        var writer = new BinaryProtocolWriter();
        for (var i = 0; i < 3; i++)
        {
            writer.WriteMessageBegin(new ThriftMessageHeader("message", ThriftMessageType.Call, i));
            writer.WriteStringField(1, new string('x', 30));
            writer.WriteFieldStop();
        }
        var reader = new BinaryProtocolReader(new MemoryStream(writer.Written.ToArray()), 64);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(reader.TryReadMessageBegin(out var header));
            Assert.Equal(i, header.SequenceId);
            reader.Skip(ThriftType.Struct);
        }
        Assert.False(reader.TryReadMessageBegin(out _));
    }

    private static BinaryProtocolReader Reader(BinaryProtocolWriter writer) =>
        new(new MemoryStream(writer.Written.ToArray()), 1 << 20);
}
