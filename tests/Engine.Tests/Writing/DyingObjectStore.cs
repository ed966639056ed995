using QueryEngine.Engine.Common;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Tests.Writing;

/// <summary>
/// A store standing for a process that dies in the middle of a write: once the Nth pending data file is created, every
/// call fails, as if the process had been killed then — nothing more of the write (its clean-up, its journal's
/// renewals and deletion) ever reaches the store, whose objects stay as the dead process left them.
/// </summary>
internal sealed class DyingObjectStore(IObjectStore inner, int dieAtPendingFile) : IObjectStore
{
    private int _pendingFiles;
    private volatile bool _dead;

    public bool IsDead => _dead;

    public IReadOnlyList<ObjectInfo> List(string prefixOrDirectory, bool recursive) => Alive().List(prefixOrDirectory, recursive);

    public ObjectInfo? Stat(string path) => Alive().Stat(path);

    public Stream OpenRead(string path) => Alive().OpenRead(path);

    public Stream OpenRead(string path, long offset) => Alive().OpenRead(path, offset);

    public int ReadRange(string path, long offset, Span<byte> destination) => Alive().ReadRange(path, offset, destination);

    public Stream Create(string path)
    {
        var store = Alive();
        if (path.Contains("/.qe-pending-", StringComparison.Ordinal) && Interlocked.Increment(ref _pendingFiles) >= dieAtPendingFile)
        {
            _dead = true;
            throw new StorageException($"cannot create {path}: the process died");
        }
        return store.Create(path);
    }

    public void Delete(string path) => Alive().Delete(path);

    public void Move(string source, string destination) => Alive().Move(source, destination);

    private IObjectStore Alive() => _dead ? throw new StorageException("the process died") : inner;
}
