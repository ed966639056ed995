using System.Buffers.Binary;
using System.Net.Sockets;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Thrift;
using QueryEngine.Metastore.Hms.Service;

namespace QueryEngine.Metastore.Server;

/// <summary>
/// One client connection: reads calls one after another and writes each reply, until the client closes the
/// connection or sends something that is not a valid message (bad version, malformed or oversized message,
/// connection dropped mid-call); then the connection is closed with the error logged. Runs on its own thread
/// (blocking reads), so a slow or broken client never holds up the others.
/// </summary>
internal sealed class HmsConnection(Socket socket, HmsDispatcher dispatcher, HmsServerOptions options)
{
    private readonly string _peer = socket.RemoteEndPoint?.ToString() ?? "unknown peer";

    public void Run()
    {
        // The streams are closed in the finally block, after the error is logged, so a client that sees the
        // connection close can already find the reason in the log.
        NetworkStream? network = null;
        BufferedStream? buffered = null;
        try
        {
            socket.NoDelay = true;
            network = new NetworkStream(socket, ownsSocket: true);
            buffered = new BufferedStream(network, 64 * 1024);
            var writer = new BinaryProtocolWriter();
            if (options.Framed) ServeFramed(buffered, writer);
            else ServeBuffered(buffered, writer);
        }
        catch (ProtocolException ex)
        {
            options.Log($"HMS connection from {_peer} closed: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            options.Log($"HMS connection from {_peer} lost: {ex.Message}");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            options.Log($"HMS connection from {_peer} failed: {ex}");
        }
        finally
        {
            try
            {
                buffered?.Dispose();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                // Flushing to a peer that is gone; nothing is left to tell it.
            }
            network?.Dispose();
            socket.Dispose();
        }
    }

    private void ServeBuffered(BufferedStream stream, BinaryProtocolWriter writer)
    {
        var reader = new BinaryProtocolReader(stream, options.MaxMessageBytes);
        while (reader.TryReadMessageBegin(out var header))
        {
            writer.Clear();
            if (!dispatcher.Dispatch(header, reader, writer)) continue;
            stream.Write(writer.Written.Span);
            stream.Flush();
        }
    }

    private void ServeFramed(BufferedStream stream, BinaryProtocolWriter writer)
    {
        Span<byte> prefix = stackalloc byte[4];
        while (true)
        {
            var read = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
            if (read == 0) return;
            if (read < prefix.Length) throw new ProtocolException("the connection ended inside a frame header");
            var length = BinaryPrimitives.ReadInt32BigEndian(prefix);
            if (length <= 0 || length > options.MaxMessageBytes)
            {
                throw new ProtocolException($"frame size {length} is outside 1..{options.MaxMessageBytes} bytes");
            }
            var frame = new byte[length];
            if (stream.ReadAtLeast(frame, length, throwOnEndOfStream: false) < length)
            {
                throw new ProtocolException("the connection ended in the middle of a frame");
            }
            using var body = new MemoryStream(frame, writable: false);
            var reader = new BinaryProtocolReader(body, options.MaxMessageBytes);
            if (!reader.TryReadMessageBegin(out var header)) throw new ProtocolException("empty frame");
            writer.Clear();
            var reply = dispatcher.Dispatch(header, reader, writer);
            if (body.Position != body.Length) throw new ProtocolException($"{body.Length - body.Position} bytes left over in a frame");
            if (!reply) continue;
            BinaryPrimitives.WriteInt32BigEndian(prefix, writer.Written.Length);
            stream.Write(prefix);
            stream.Write(writer.Written.Span);
            stream.Flush();
        }
    }
}
