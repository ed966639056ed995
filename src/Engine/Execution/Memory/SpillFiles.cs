using System.Globalization;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Execution.Memory;

/// <summary>
/// One query's spill folder (<c>qe-spill-&lt;random&gt;</c> under the configured spill directory): hands out file names,
/// counts the bytes written and deletes the whole folder when disposed.
/// </summary>
public sealed class SpillFiles : IDisposable
{
    private long _bytesWritten;
    private int _files;

    private SpillFiles(string directory) => Directory = directory;

    /// <summary>The query's own folder.</summary>
    public string Directory { get; }

    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    public int FileCount => Volatile.Read(ref _files);

    internal static SpillFiles Create(string parent)
    {
        var path = Path.Combine(parent, "qe-spill-" + Guid.NewGuid().ToString("N")[..16]);
        try
        {
            System.IO.Directory.CreateDirectory(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"cannot create the spill folder {path}: {ex.Message}", ex);
        }
        return new SpillFiles(path);
    }

    /// <summary>A new file name in the folder, e.g. <c>sort-3.arrows</c>.</summary>
    public string NewFile(string prefix)
    {
        var n = Interlocked.Increment(ref _files);
        return Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"{prefix}-{n}.arrows"));
    }

    internal void AddWritten(long bytes) => Interlocked.Add(ref _bytesWritten, bytes);

    public void Dispose()
    {
        try
        {
            if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a worker that is being torn down; the folder name is unique, nothing reuses it.
        }
    }
}
