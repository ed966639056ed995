using Google.Protobuf;
using QueryEngine.Engine.Columnar.Ipc;
using QueryEngine.FlightServer.Grpc;
using QueryEngine.FlightServer.Protocol;

namespace QueryEngine.FlightServer.FlightSql;

/// <summary>Writes a result as FlightData: the schema message, then one message per record batch.</summary>
internal static class FlightStreams
{
    public static async Task WriteAsync(GrpcCall call, FlightResult result, CancellationToken cancellation)
    {
        var schema = IpcMessageEncoder.Schema(result.Fields);
        await call.WriteAsync(new FlightData { DataHeader = UnsafeByteOperations.UnsafeWrap(schema.Header) }).ConfigureAwait(false);
        foreach (var message in result.Batches)
        {
            cancellation.ThrowIfCancellationRequested();
            await call.WriteAsync(new FlightData
            {
                DataHeader = UnsafeByteOperations.UnsafeWrap(message.Header),
                DataBody = UnsafeByteOperations.UnsafeWrap(message.Body),
            }).ConfigureAwait(false);
        }
    }
}
