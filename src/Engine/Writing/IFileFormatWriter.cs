using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Writing;

/// <summary>
/// Writes record batches of one schema into one file of some format; <see cref="Finish"/> completes the file.
/// Disposing releases the writer's own buffers and compressors, never the file stream the caller gave it.
/// </summary>
internal interface IFileFormatWriter : IDisposable
{
    void Write(RecordBatch batch);

    /// <summary>Writes what is buffered and the format's trailer; the caller then disposes the stream.</summary>
    void Finish();

    /// <summary>Bytes handed to the file so far (buffered data not included).</summary>
    long BytesWritten { get; }
}
