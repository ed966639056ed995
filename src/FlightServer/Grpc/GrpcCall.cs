using System.Buffers;
using System.Buffers.Binary;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace QueryEngine.FlightServer.Grpc;

/// <summary>
/// One gRPC call on an HTTP/2 stream: reads the length-prefixed request messages (1 byte compressed flag, 4 bytes
/// big-endian length, the message) from the request body and writes response messages the same way.
/// <see cref="Cancellation"/> fires when the client goes away or the call's deadline passes.
/// </summary>
public sealed class GrpcCall
{
    private readonly HttpContext _http;
    private readonly int _maxReceiveSize;
    private readonly int _maxSendSize;

    internal GrpcCall(HttpContext http, int maxReceiveSize, int maxSendSize, CancellationToken cancellation)
    {
        _http = http;
        _maxReceiveSize = maxReceiveSize;
        _maxSendSize = maxSendSize;
        Cancellation = cancellation;
    }

    public CancellationToken Cancellation { get; }

    /// <summary>The method name, e.g. <c>DoGet</c>.</summary>
    public required string Method { get; init; }

    /// <summary>Who the call runs for, once the service has authenticated it.</summary>
    public string? User { get; set; }

    public string? RemoteAddress => _http.Connection.RemoteIpAddress?.ToString();

    /// <summary>A request header (metadata), or null.</summary>
    public string? Header(string name) => _http.Request.Headers.TryGetValue(name, out var v) ? v.ToString() : null;

    /// <summary>Adds a response header; only before the first response message.</summary>
    public void SetResponseHeader(string name, string value) => _http.Response.Headers[name] = value;

    /// <summary>The next request message, or null at the end of the request stream.</summary>
    public async ValueTask<T?> ReadAsync<T>(MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        var reader = _http.Request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(Cancellation).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (TryReadFrame(ref buffer, out var payload))
            {
                T message;
                try
                {
                    message = parser.ParseFrom(payload);
                }
                catch (InvalidProtocolBufferException ex)
                {
                    reader.AdvanceTo(buffer.Start);
                    throw new GrpcException(GrpcStatusCode.InvalidArgument, $"malformed {typeof(T).Name} message: {ex.Message}");
                }
                reader.AdvanceTo(buffer.Start);
                return message;
            }
            if (result.IsCompleted)
            {
                var leftover = buffer.Length;
                reader.AdvanceTo(buffer.End);
                if (leftover > 0) throw new GrpcException(GrpcStatusCode.Internal, $"the request ended inside a message ({leftover} bytes of a frame)");
                return null;
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>The single request message of a unary or server-streaming call.</summary>
    public async ValueTask<T> ReadSingleAsync<T>(MessageParser<T> parser)
        where T : class, IMessage<T> =>
        await ReadAsync(parser).ConfigureAwait(false)
            ?? throw new GrpcException(GrpcStatusCode.Internal, $"{Method} needs a request message");

    /// <summary>Writes one response message and waits until the transport takes it (flow control).</summary>
    public async ValueTask WriteAsync(IMessage message)
    {
        var size = message.CalculateSize();
        if (size > _maxSendSize)
        {
            throw new GrpcException(GrpcStatusCode.ResourceExhausted, $"response message of {size} bytes exceeds the maximum of {_maxSendSize}");
        }
        var writer = _http.Response.BodyWriter;
        var prefix = writer.GetSpan(5);
        prefix[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(prefix[1..], (uint)size);
        writer.Advance(5);
        message.WriteTo((IBufferWriter<byte>)writer);
        var flushed = await writer.FlushAsync(Cancellation).ConfigureAwait(false);
        if (flushed.IsCanceled) throw new OperationCanceledException(Cancellation);
    }

    private bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (buffer.Length < 5) return false;
        Span<byte> prefix = stackalloc byte[5];
        buffer.Slice(0, 5).CopyTo(prefix);
        if (prefix[0] != 0)
        {
            throw new GrpcException(GrpcStatusCode.Unimplemented, "compressed request messages are not supported (no grpc-encoding is accepted)");
        }
        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
        if (length > (uint)_maxReceiveSize)
        {
            throw new GrpcException(GrpcStatusCode.ResourceExhausted, $"request message of {length} bytes exceeds the maximum of {_maxReceiveSize}");
        }
        if (buffer.Length < 5 + length) return false;
        payload = buffer.Slice(5, length);
        buffer = buffer.Slice(5 + length);
        return true;
    }
}
