using System.Buffers.Binary;
using System.Net.Sockets;
using QueryEngine.Engine.Thrift;

namespace QueryEngine.Metastore.Tests.Hms;

/// <summary>
/// A minimal Thrift client over our own protocol codec, for tests that need exact control of the bytes
/// (robustness) or no Python: sends a call, returns the reply's header and a reader positioned on its body.
/// </summary>
internal sealed class HmsTestClient : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly bool _framed;
    private int _sequence;

    public HmsTestClient(int port, bool framed = false)
    {
        _tcp = new TcpClient("127.0.0.1", port) { ReceiveTimeout = 10_000 };
        _stream = _tcp.GetStream();
        _framed = framed;
    }

    public NetworkStream Stream => _stream;

    /// <summary>Sends a call whose args struct <paramref name="writeArgs"/> writes (fields only; the stop is added).</summary>
    public (ThriftMessageHeader Header, BinaryProtocolReader Body) Call(string method, Action<BinaryProtocolWriter>? writeArgs = null)
    {
        var writer = new BinaryProtocolWriter();
        var sequence = ++_sequence;
        writer.WriteMessageBegin(new ThriftMessageHeader(method, ThriftMessageType.Call, sequence));
        writeArgs?.Invoke(writer);
        writer.WriteFieldStop();
        if (_framed)
        {
            var prefix = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(prefix, writer.Written.Length);
            _stream.Write(prefix);
        }
        _stream.Write(writer.Written.Span);
        Stream input = _stream;
        if (_framed)
        {
            var prefix = new byte[4];
            _stream.ReadExactly(prefix);
            var frame = new byte[BinaryPrimitives.ReadInt32BigEndian(prefix)];
            _stream.ReadExactly(frame);
            input = new MemoryStream(frame);
        }
        var reader = new BinaryProtocolReader(input, 1 << 24);
        if (!reader.TryReadMessageBegin(out var header)) throw new IOException("the server closed the connection");
        if (header.SequenceId != sequence) throw new IOException($"sequence id {header.SequenceId}, expected {sequence}");
        return (header, reader);
    }

    /// <summary>Calls <c>get_all_databases</c> and returns the names.</summary>
    public List<string> GetAllDatabases()
    {
        var (header, body) = Call("get_all_databases");
        if (header.Type != ThriftMessageType.Reply) throw new IOException($"reply type {header.Type}");
        List<string>? names = null;
        body.ReadStruct((id, type) =>
        {
            if (id != 0 || type != ThriftType.List) return false;
            names = body.ReadStringList();
            return true;
        });
        return names ?? throw new IOException("no success field");
    }

    /// <summary>Reads the result struct's fields as (id, string message) for an exception reply.</summary>
    public static (short FieldId, string? Message) ReadException(BinaryProtocolReader body)
    {
        short fieldId = -1;
        string? message = null;
        body.ReadStruct((id, type) =>
        {
            if (type != ThriftType.Struct) return false;
            fieldId = id;
            body.ReadStruct((inner, innerType) =>
            {
                if (inner != 1 || innerType != ThriftType.String) return false;
                message = body.ReadString();
                return true;
            });
            return true;
        });
        return (fieldId, message);
    }

    /// <summary>True when the server has closed the connection (a read returns end of stream or fails).</summary>
    public bool ServerClosed()
    {
        try
        {
            var buffer = new byte[1];
            return _stream.Read(buffer) == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _tcp.Dispose();
    }
}
