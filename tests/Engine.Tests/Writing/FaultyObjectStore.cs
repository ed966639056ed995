using QueryEngine.Engine.Common;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Tests.Writing;

/// <summary>
/// A local store that can fail (or run a callback) at the Nth object created or moved, to inject failures into a
/// write at a chosen point; a failing create returns a stream that fails on its first write, as a full disk would.
/// </summary>
internal sealed class FaultyObjectStore : IObjectStore
{
    private readonly LocalObjectStore _inner = new();
    private int _creates;
    private int _moves;

    public int FailCreateAt { get; init; } = int.MaxValue;

    public int FailMoveAt { get; init; } = int.MaxValue;

    public Action<int>? OnCreate { get; init; }

    public Action<int>? OnMove { get; init; }

    public int Creates => _creates;

    public IReadOnlyList<ObjectInfo> List(string prefixOrDirectory, bool recursive) => _inner.List(prefixOrDirectory, recursive);

    public ObjectInfo? Stat(string path) => _inner.Stat(path);

    public Stream OpenRead(string path) => _inner.OpenRead(path);

    public Stream OpenRead(string path, long offset) => _inner.OpenRead(path, offset);

    public int ReadRange(string path, long offset, Span<byte> destination) => _inner.ReadRange(path, offset, destination);

    public Stream Create(string path)
    {
        var n = Interlocked.Increment(ref _creates);
        OnCreate?.Invoke(n);
        var stream = _inner.Create(path);
        return n >= FailCreateAt ? new FailingStream(stream, path) : stream;
    }

    public void Delete(string path) => _inner.Delete(path);

    public void Move(string source, string destination)
    {
        var n = Interlocked.Increment(ref _moves);
        OnMove?.Invoke(n);
        if (n >= FailMoveAt) throw new StorageException($"cannot move {source}: injected failure");
        _inner.Move(source, destination);
    }

    private sealed class FailingStream(Stream inner, string path) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => 0;

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => throw new StorageException($"cannot write {path}: injected failure (disk full)");

        public override void Write(ReadOnlySpan<byte> buffer) => throw new StorageException($"cannot write {path}: injected failure (disk full)");

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
