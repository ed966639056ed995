using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Writing;

/// <summary>
/// Encodes one file on its own thread: the query's thread hands batches over through a small bounded queue (it
/// waits when the encoder falls behind), so the files of a write — one per open partition — are encoded in
/// parallel with each other and with the query. An encoder failure surfaces on the next <see cref="Write"/> or at
/// <see cref="Finish"/>, as the original exception.
/// </summary>
internal sealed class BackgroundFileWriter : IFileFormatWriter
{
    private const int QueuedBatches = 4;

    private readonly IFileFormatWriter _inner;
    private readonly BlockingCollection<RecordBatch> _queue = new(QueuedBatches);
    private readonly Task _encoder;
    private ExceptionDispatchInfo? _failure;

    public BackgroundFileWriter(IFileFormatWriter inner)
    {
        _inner = inner;
        _encoder = Task.Factory.StartNew(Encode, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public long BytesWritten => _inner.BytesWritten;

    public void Write(RecordBatch batch)
    {
        _failure?.Throw();
        try
        {
            _queue.Add(batch);
        }
        catch (InvalidOperationException) when (_failure is not null)
        {
            // The encoder stopped taking batches because it failed.
        }
        _failure?.Throw();
    }

    public void Finish()
    {
        _queue.CompleteAdding();
        _encoder.Wait();
        _failure?.Throw();
        _inner.Finish();
    }

    public void Dispose()
    {
        if (!_queue.IsAddingCompleted) _queue.CompleteAdding();
        _encoder.Wait();
        _queue.Dispose();
        _inner.Dispose();
    }

    private void Encode()
    {
        try
        {
            foreach (var batch in _queue.GetConsumingEnumerable()) _inner.Write(batch);
        }
        catch (Exception ex)
        {
            _failure = ExceptionDispatchInfo.Capture(ex);
            // Unblock a producer waiting for room: nothing more will be taken.
            _queue.CompleteAdding();
        }
    }
}
