namespace QueryEngine.Engine.Storage;

/// <summary>Writes to a temporary file and renames it over the target when disposed, so readers never see a partial object.</summary>
internal sealed class AtomicWriteStream(FileStream inner, string tempPath, string targetPath, string location) : Stream
{
    private bool _done;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException("AtomicWriteStream does not support setting Position");
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            inner.Write(buffer);
        }
        catch (Exception ex) when (LocalObjectStore.IsStorageError(ex))
        {
            throw LocalObjectStore.Wrap(location, "cannot write", ex);
        }
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("AtomicWriteStream does not support Read");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("AtomicWriteStream does not support Seek");

    public override void SetLength(long value) => throw new NotSupportedException("AtomicWriteStream does not support SetLength");

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_done)
        {
            _done = true;
            try
            {
                inner.Dispose();
                File.Move(tempPath, targetPath, overwrite: true);
            }
            catch (Exception ex) when (LocalObjectStore.IsStorageError(ex))
            {
                TryDelete(tempPath);
                throw LocalObjectStore.Wrap(location, "cannot write", ex);
            }
        }
        base.Dispose(disposing);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover hidden temporary file is ignored by readers.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
