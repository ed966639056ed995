using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Operators;

/// <summary>
/// Runs several batch producers on worker threads and merges their output through a bounded channel (backpressure:
/// workers block when the consumer falls behind). The first worker error cancels the others and is rethrown to the
/// consumer; disposing the consumer's enumerator early cancels and joins every worker.
/// </summary>
internal static class ParallelBatches
{
    public static IEnumerable<RecordBatch> Run(int workers, Func<int, CancellationToken, IEnumerable<RecordBatch>> body, CancellationToken cancellation)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var token = cts.Token;
        var channel = Channel.CreateBounded<RecordBatch>(new BoundedChannelOptions(Math.Max(2, workers * 2))
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var state = new RunState(workers);
        var tasks = new Task[workers];
        for (var w = 0; w < workers; w++)
        {
            var index = w;
            tasks[w] = Task.Factory.StartNew(
                () => Work(index, body, channel.Writer, state, cts),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }
        try
        {
            var reader = channel.Reader;
            while (true)
            {
                while (reader.TryRead(out var batch)) yield return batch;
                if (state.Failure is not null) break;
                if (!reader.WaitToReadAsync(cancellation).AsTask().GetAwaiter().GetResult()) break;
            }
            if (state.Failure is { } failure) ExceptionDispatchInfo.Throw(failure);
            cancellation.ThrowIfCancellationRequested();
        }
        finally
        {
            cts.Cancel();
            while (channel.Reader.TryRead(out _))
            {
            }
            Task.WaitAll(tasks, CancellationToken.None);
        }
    }

    private static void Work(int index, Func<int, CancellationToken, IEnumerable<RecordBatch>> body, ChannelWriter<RecordBatch> writer, RunState state, CancellationTokenSource cts)
    {
        var token = cts.Token;
        try
        {
            foreach (var batch in body(index, token))
            {
                token.ThrowIfCancellationRequested();
                writer.WriteAsync(batch, token).AsTask().GetAwaiter().GetResult();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopped by the consumer, another worker's failure, or the query's cancellation.
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref state.Failure, e, null);
            try
            {
                cts.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }
        finally
        {
            if (Interlocked.Decrement(ref state.Running) == 0) writer.TryComplete();
        }
    }

    private sealed class RunState(int workers)
    {
        public Exception? Failure;
        public int Running = workers;
    }
}
