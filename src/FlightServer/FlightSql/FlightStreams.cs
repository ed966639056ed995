using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Google.Protobuf;
using QueryEngine.Engine.Columnar.Ipc;
using QueryEngine.FlightServer.Grpc;
using QueryEngine.FlightServer.Protocol;

namespace QueryEngine.FlightServer.FlightSql;

/// <summary>
/// Writes a result as FlightData: the schema message, then one message per record batch.
/// <para>
/// The executor is synchronous: producing a batch blocks (scans, joins, waits for its own worker threads). It runs
/// on a thread of its own, never on a thread-pool thread, so that many concurrent DoGet calls cannot starve the pool
/// that Kestrel and the executor's continuations need. Batches reach the gRPC writer through a small bounded
/// channel: the producer waits while the client is slow (flow control), and encoding the next batch overlaps with
/// sending the previous one.
/// </para>
/// </summary>
internal static class FlightStreams
{
    /// <summary>Encoded batches waiting to be sent; two keep both sides busy without buffering a result.</summary>
    private const int QueuedBatches = 2;

    public static async Task WriteAsync(GrpcCall call, FlightResult result, CancellationToken cancellation)
    {
        var schema = IpcMessageEncoder.Schema(result.Fields);
        await call.WriteAsync(new FlightData { DataHeader = UnsafeByteOperations.UnsafeWrap(schema.Header) }).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var channel = Channel.CreateBounded<IpcMessage>(new BoundedChannelOptions(QueuedBatches)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var producer = Task.Factory.StartNew(
            () => Produce(result.Batches, channel.Writer, stop.Token),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        try
        {
            var reader = channel.Reader;
            while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (reader.TryRead(out var message))
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
        finally
        {
            // Stops the producer when the client went away or a write failed; it disposes the executor's enumerator.
            await stop.CancelAsync().ConfigureAwait(false);
            while (channel.Reader.TryRead(out _))
            {
            }
            await producer.ConfigureAwait(false);
        }
        if (producer.Result is { } failure) failure.Throw();
        cancellation.ThrowIfCancellationRequested();
    }

    /// <summary>Runs the executor to its end (or until stopped); returns its failure, if any, to rethrow on the call.</summary>
    private static ExceptionDispatchInfo? Produce(IEnumerable<IpcMessage> batches, ChannelWriter<IpcMessage> writer, CancellationToken stop)
    {
        try
        {
            foreach (var message in batches)
            {
                if (!writer.TryWrite(message)) writer.WriteAsync(message, stop).AsTask().GetAwaiter().GetResult();
            }
            return null;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex)
        {
            return ExceptionDispatchInfo.Capture(ex);
        }
        finally
        {
            writer.TryComplete();
        }
    }
}
