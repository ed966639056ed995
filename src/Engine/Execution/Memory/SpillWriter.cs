using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Columnar.Ipc;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Execution.Memory;

/// <summary>Writes batches of one schema to a spill file in the Arrow IPC streaming format (uncompressed, buffered).</summary>
internal sealed class SpillWriter : IDisposable
{
    private readonly SpillFiles _files;
    private readonly FileStream _stream;
    private readonly IpcStreamWriter _writer;

    public SpillWriter(SpillFiles files, string prefix, Schema schema)
    {
        _files = files;
        Path = files.NewFile(prefix);
        try
        {
            _stream = new FileStream(Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            _writer = new IpcStreamWriter(_stream);
            _writer.WriteSchema(schema);
        }
        catch (IOException ex)
        {
            _stream?.Dispose();
            throw new StorageException($"cannot write the spill file {Path}: {ex.Message}", ex);
        }
    }

    public string Path { get; }

    public long Rows { get; private set; }

    public void Write(RecordBatch batch)
    {
        try
        {
            _writer.WriteBatch(batch);
        }
        catch (IOException ex)
        {
            throw new StorageException($"cannot write the spill file {Path}: {ex.Message}", ex);
        }
        Rows += batch.RowCount;
    }

    /// <summary>Ends the stream and closes the file; returns it for reading back.</summary>
    public SpillFile Finish()
    {
        long bytes;
        try
        {
            _writer.WriteEnd();
            _stream.Flush();
            bytes = _stream.Length;
            _files.AddWritten(bytes);
        }
        catch (IOException ex)
        {
            throw new StorageException($"cannot write the spill file {Path}: {ex.Message}", ex);
        }
        finally
        {
            _stream.Dispose();
        }
        return new SpillFile(Path, Rows, bytes);
    }

    public void Dispose() => _stream.Dispose();
}
