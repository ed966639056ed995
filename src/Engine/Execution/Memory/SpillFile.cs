using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Columnar.Ipc;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Execution.Memory;

/// <summary>A finished spill file: reads its batches back under the engine schema they were written with, then deletes it.</summary>
internal sealed record SpillFile(string Path, long Rows, long Bytes)
{
    /// <summary>Streams the file's batches; the file is deleted when the enumeration ends or is abandoned.</summary>
    public IEnumerable<RecordBatch> Read(Schema schema)
    {
        var stream = Open();
        try
        {
            var reader = new IpcStreamReader(stream);
            while (true)
            {
                RecordBatch? batch;
                try
                {
                    batch = reader.ReadBatch();
                }
                catch (IOException ex)
                {
                    throw new StorageException($"cannot read the spill file {Path}: {ex.Message}", ex);
                }
                if (batch is null) yield break;
                yield return batch.WithSchema(schema);
            }
        }
        finally
        {
            stream.Dispose();
            Delete();
        }
    }

    public void Delete()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // The query's spill folder is removed as a whole at the end of the query.
        }
    }

    private FileStream Open()
    {
        try
        {
            return new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (IOException ex)
        {
            throw new StorageException($"cannot read the spill file {Path}: {ex.Message}", ex);
        }
    }
}
