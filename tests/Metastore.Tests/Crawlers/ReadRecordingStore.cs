using System.Collections.Concurrent;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Metastore.Tests.Crawlers;

/// <summary>A local store that records every file it reads from.</summary>
internal sealed class ReadRecordingStore : IObjectStore
{
    private readonly LocalObjectStore _inner = new();

    public ConcurrentBag<string> Read { get; } = [];

    public IReadOnlyList<ObjectInfo> List(string prefixOrDirectory, bool recursive) => _inner.List(prefixOrDirectory, recursive);

    public ObjectInfo? Stat(string path) => _inner.Stat(path);

    public Stream OpenRead(string path)
    {
        Read.Add(path);
        return _inner.OpenRead(path);
    }

    public Stream OpenRead(string path, long offset)
    {
        Read.Add(path);
        return _inner.OpenRead(path, offset);
    }

    public int ReadRange(string path, long offset, Span<byte> destination)
    {
        Read.Add(path);
        return _inner.ReadRange(path, offset, destination);
    }

    public Stream Create(string path) => _inner.Create(path);

    public void Delete(string path) => _inner.Delete(path);

    public void Move(string source, string destination) => _inner.Move(source, destination);
}
