namespace QueryEngine.Engine.Storage;

/// <summary>
/// An object store whose recursive listings of some locations were made up front (<see cref="PrelistedLocations"/>):
/// one listing of a partitioned table's root for all its partitions, or the partitions' own listings run in
/// parallel. A recursive <see cref="List"/> of such a location, or of a folder under it, is answered from memory;
/// everything else goes to the inner store.
/// </summary>
public sealed class PrelistedObjectStore(IObjectStore inner, PrelistedLocations listings) : IObjectStore
{
    public IReadOnlyList<ObjectInfo> List(string prefixOrDirectory, bool recursive) =>
        recursive && listings.TryList(prefixOrDirectory, out var objects) ? objects : inner.List(prefixOrDirectory, recursive);

    public ObjectInfo? Stat(string path) => inner.Stat(path);

    public Stream OpenRead(string path) => inner.OpenRead(path);

    public Stream OpenRead(string path, long offset) => inner.OpenRead(path, offset);

    public int ReadRange(string path, long offset, Span<byte> destination) => inner.ReadRange(path, offset, destination);

    public Stream Create(string path) => inner.Create(path);

    public void Delete(string path) => inner.Delete(path);

    public void Move(string source, string destination) => inner.Move(source, destination);
}
