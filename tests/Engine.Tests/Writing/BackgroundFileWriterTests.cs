using System.Collections.Concurrent;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Writing;
using Xunit;

namespace QueryEngine.Engine.Tests.Writing;

/// <summary>Parallel writers: each open file of a write is encoded on its own thread, at the same time as the others.</summary>
public sealed class BackgroundFileWriterTests
{
    [Fact]
    public void TheFilesOfAWriteAreEncodedAtTheSameTimeOffTheQueryThread()
    {
        // Each file's encoder waits in Write until the other file's encoder is in Write too: that only completes when
        // both run at once; encoding on the query's thread, or one file after the other, times out and fails Finish.
        using var bothEncoding = new Barrier(2);
        var threads = new ConcurrentBag<int>();
        var batch = new RecordBatch(new Schema([new Field("x", DataType.Int32)]), [new PrimitiveArray<int>(DataType.Int32, [1, 2])], 2);
        using var first = new BackgroundFileWriter(new MeetingWriter(bothEncoding, threads));
        using var second = new BackgroundFileWriter(new MeetingWriter(bothEncoding, threads));
        first.Write(batch);
        second.Write(batch);
        first.Finish();
        second.Finish();
        Assert.Equal(2, threads.Distinct().Count());
        Assert.DoesNotContain(Environment.CurrentManagedThreadId, threads);
    }

    [Fact]
    public void AnEncoderFailureSurfacesAsTheOriginalException()
    {
        var batch = new RecordBatch(new Schema([new Field("x", DataType.Int32)]), [new PrimitiveArray<int>(DataType.Int32, [1])], 1);
        using var writer = new BackgroundFileWriter(new FailingWriter());
        var error = Assert.Throws<Common.StorageException>(() =>
        {
            writer.Write(batch);
            writer.Finish();
        });
        Assert.Contains("disk full", error.Message, StringComparison.Ordinal);
    }

    private sealed class MeetingWriter(Barrier barrier, ConcurrentBag<int> threads) : IFileFormatWriter
    {
        public long BytesWritten => 0;

        public void Write(RecordBatch batch)
        {
            threads.Add(Environment.CurrentManagedThreadId);
            if (!barrier.SignalAndWait(TimeSpan.FromSeconds(60))) throw new TimeoutException("the other file's encoder never ran at the same time");
        }

        public void Finish()
        {
        }

        public void Dispose()
        {
        }
    }

    private sealed class FailingWriter : IFileFormatWriter
    {
        public long BytesWritten => 0;

        public void Write(RecordBatch batch) => throw new Common.StorageException("cannot write f.parquet: disk full");

        public void Finish()
        {
        }

        public void Dispose()
        {
        }
    }
}
