using System.Collections.Concurrent;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Tests.TestSupport;

/// <summary>A local store that records every location it is asked to list and every file it creates.</summary>
internal sealed class RecordingObjectStore : IObjectStore
{
    private readonly LocalObjectStore _inner = new();

    public ConcurrentQueue<string> Listed { get; } = new();

    public ConcurrentQueue<string> Created { get; } = new();

    public IReadOnlyList<ObjectInfo> List(string prefixOrDirectory, bool recursive)
    {
        Listed.Enqueue(prefixOrDirectory);
        return _inner.List(prefixOrDirectory, recursive);
    }

    public ObjectInfo? Stat(string path) => _inner.Stat(path);

    public Stream OpenRead(string path) => _inner.OpenRead(path);

    public Stream OpenRead(string path, long offset) => _inner.OpenRead(path, offset);

    public int ReadRange(string path, long offset, Span<byte> destination) => _inner.ReadRange(path, offset, destination);

    public Stream Create(string path)
    {
        Created.Enqueue(path);
        return _inner.Create(path);
    }

    public void Delete(string path) => _inner.Delete(path);

    public void Move(string source, string destination) => _inner.Move(source, destination);
}
