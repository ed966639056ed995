using QueryEngine.Engine.Common;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Formats;

/// <summary>
/// The store a table's scans read through when they may read pending files (<see cref="WriteFileNames"/>): a pending
/// file a scan listed may be renamed to its published name by the INSERT that wrote it before or while the scan reads
/// it, so a read of a pending path that fails is retried under the published path when that exists. Everything
/// else is passed through.
/// </summary>
internal sealed class PendingFileStore(IObjectStore inner) : IObjectStore
{
    public IObjectStore Inner => inner;

    public IReadOnlyList<ObjectInfo> List(string prefixOrDirectory, bool recursive) => inner.List(prefixOrDirectory, recursive);

    public ObjectInfo? Stat(string path) =>
        inner.Stat(path) ?? (WriteFileNames.TryGetPublished(path, out var published) ? inner.Stat(published) : null);

    public Stream OpenRead(string path)
    {
        try
        {
            return inner.OpenRead(path);
        }
        catch (StorageException) when (Published(path) is { } published)
        {
            return inner.OpenRead(published);
        }
    }

    public Stream OpenRead(string path, long offset)
    {
        try
        {
            return inner.OpenRead(path, offset);
        }
        catch (StorageException) when (Published(path) is { } published)
        {
            return inner.OpenRead(published, offset);
        }
    }

    public int ReadRange(string path, long offset, Span<byte> destination)
    {
        try
        {
            return inner.ReadRange(path, offset, destination);
        }
        catch (StorageException) when (Published(path) is { } published)
        {
            return inner.ReadRange(published, offset, destination);
        }
    }

    public Stream Create(string path) => inner.Create(path);

    public void Delete(string path) => inner.Delete(path);

    public void Move(string source, string destination) => inner.Move(source, destination);

    /// <summary>The published path of a pending file that is gone from its pending path and now exists published, else null.</summary>
    private string? Published(string path) =>
        WriteFileNames.TryGetPublished(path, out var published) && inner.Stat(path) is null && inner.Stat(published) is not null ? published : null;
}
